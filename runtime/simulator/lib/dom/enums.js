"use strict";
// The simulated scripting DOM (index.js): The scripting DOM's enumerations (CloseOptions, ImportAsType, LayerQuality, ...) and the
// render and output-module template names.

const CloseOptions = Object.freeze({ DO_NOT_SAVE_CHANGES: 1212, PROMPT_TO_SAVE_CHANGES: 1213, SAVE_CHANGES: 1214 });
const ImportAsType = Object.freeze({ COMP_CROPPED_LAYERS: 3812, FOOTAGE: 3813, COMP: 3814, PROJECT: 3815 });
const RQItemStatus = Object.freeze({
  WILL_CONTINUE: 3012,
  NEEDS_OUTPUT: 3013,
  UNQUEUED: 3014,
  QUEUED: 3015,
  RENDERING: 3016,
  USER_STOPPED: 3017,
  ERR_STOPPED: 3018,
  DONE: 3019,
});
const PostRenderAction = Object.freeze({ NONE: 3612, IMPORT: 3613, IMPORT_AND_REPLACE_USAGE: 3614, SET_PROXY: 3615 });
const GetSettingsFormat = Object.freeze({ STRING: 5212, STRING_SETTABLE: 5213, NUMBER: 5214, NUMBER_SETTABLE: 5215, SPEC: 5216 });
const LogType = Object.freeze({ ERRORS_ONLY: 3212, ERRORS_AND_SETTINGS: 3213, ERRORS_AND_PER_FRAME_INFO: 3214 });
const PropertyType = Object.freeze({ PROPERTY: 6812, INDEXED_GROUP: 6813, NAMED_GROUP: 6814 });
const PropertyValueType = Object.freeze({ NO_VALUE: 6412, ThreeD_SPATIAL: 6413, ThreeD: 6414, TwoD_SPATIAL: 6415, TwoD: 6416, OneD: 6417, COLOR: 6418 });
const BlendingMode = Object.freeze({ NORMAL: 5212, ADD: 5220, MULTIPLY: 5216, SCREEN: 5219 });
const TrackMatteType = Object.freeze({ NO_TRACK_MATTE: 5012, ALPHA: 5013, ALPHA_INVERTED: 5014, LUMA: 5015, LUMA_INVERTED: 5016 });
const LayerQuality = Object.freeze({ WIREFRAME: 4612, DRAFT: 4613, BEST: 4614 });
const FramesCountType = Object.freeze({ FC_START_0: 2612, FC_START_1: 2613, FC_TIMECODE_CONVERSION: 2614 });
const LightType = Object.freeze({ PARALLEL: 4412, SPOT: 4413, POINT: 4414, AMBIENT: 4415 });

// Output module templates and the file extension each writes.
const OM_TEMPLATES = {
  "High Quality": ".mov",
  "High Quality with Alpha": ".mov",
  Lossless: ".mov",
  "Lossless with Alpha": ".mov",
  "H.264 - Match Render Settings - 15 Mbps": ".mp4",
  "PNG Sequence": "_[#####].png",
  "TIFF Sequence with Alpha": "_[#####].tif",
  "OpenEXR Sequence": "_[#####].exr",
  "AIFF 48kHz": ".aif",
  "WAV 48kHz": ".wav",
};
const RS_TEMPLATES = ["Best Settings", "Current Settings", "Draft Settings", "Multi-Machine Settings", "DV Settings"];

module.exports = { CloseOptions, ImportAsType, RQItemStatus, PostRenderAction, GetSettingsFormat, LogType, PropertyType, PropertyValueType, BlendingMode, TrackMatteType, LayerQuality, FramesCountType, LightType, OM_TEMPLATES, RS_TEMPLATES };
