"use strict";
// The simulated After Effects scripting DOM: Application, Project, items,
// layers, properties and the render queue.
//
// It follows the After Effects Scripting Guide: collections are 1-based and
// indexable (`items[i]`, `layers[i]`), `app.project.items` lists every item
// sorted by name (so indexes move when items are added or renamed), ids are
// unique integers, read-only attributes throw when assigned, removed objects
// become invalid (any use throws), and values are range-checked the way After
// Effects checks them. Every DOM method call and setter is counted in
// `sim.calls`, and every change to the project is counted as a mutation, with
// a separate count of mutations made while no undo group was open.
//
// One module per part, in the order they build on each other (an earlier part never needs a
// later one while loading): enums.js, helpers.js, collections.js, properties.js, items.js, layers.js, render-queue.js, project.js, import-options.js.

const { CloseOptions, ImportAsType, RQItemStatus, PostRenderAction, GetSettingsFormat, LogType, PropertyType, PropertyValueType, BlendingMode, TrackMatteType, LayerQuality, FramesCountType, LightType, OM_TEMPLATES } = require("./enums");
const { INTERNAL, err, aeError, instrument } = require("./helpers");
const { Collection, ItemCollection, LayerCollection, OMCollection, RQItemCollection } = require("./collections");
const { PropertyBase, PropertyGroup, Property } = require("./properties");
const { Item, FolderItem, AVItem, CompItem, FootageSource, FileSource, SolidSource, PlaceholderSource, FootageItem, PlaceholderItem } = require("./items");
const { Layer, AVLayer, TextLayer, ShapeLayer, CameraLayer, LightLayer } = require("./layers");
const { OutputModule, RenderQueueItem, RenderQueue } = require("./render-queue");
const { Project } = require("./project");
const { ImportOptions } = require("./import-options");

for (const cls of [ItemCollection, LayerCollection, OMCollection, RQItemCollection, PropertyBase, PropertyGroup, Property, Item, FolderItem, AVItem, CompItem, FootageSource, SolidSource, FootageItem, Layer, AVLayer, TextLayer, LightLayer, OutputModule, RenderQueueItem, RenderQueue, Project]) {
  instrument(cls, cls.name);
}

module.exports = {
  INTERNAL,
  enums: { CloseOptions, ImportAsType, RQItemStatus, PostRenderAction, GetSettingsFormat, LogType, PropertyType, PropertyValueType, BlendingMode, TrackMatteType, LayerQuality, FramesCountType, LightType },
  classes: {
    Collection,
    ItemCollection,
    LayerCollection,
    OMCollection,
    RQItemCollection,
    PropertyBase,
    PropertyGroup,
    Property,
    Item,
    FolderItem,
    AVItem,
    CompItem,
    FootageItem,
    PlaceholderItem,
    FootageSource,
    FileSource,
    SolidSource,
    PlaceholderSource,
    Layer,
    AVLayer,
    TextLayer,
    ShapeLayer,
    CameraLayer,
    LightLayer,
    OutputModule,
    RenderQueueItem,
    RenderQueue,
    Project,
    ImportOptions,
  },
  OM_TEMPLATES,
  aeError,
  err,
  instrument,
};
