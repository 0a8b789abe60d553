// The ES3 JSON codec of aerpc's ExtendScript side (ExtendScript has no JSON global): ASCII-only
// output, exact parsing (the engine's own parser reads only a text proven to be JSON first).
// Hand-written; `make cep` puts it into the extension's one
// ExtendScript file after aerpc-dispatch.jsx, which made the namespace object __aerpc.
//
//     __aerpc.json.parse(text)       a value, or a SyntaxError naming the position
//     __aerpc.json.stringify(value)  JSON text in printable ASCII (undefined for undefined)
//     __aerpc.json.quote(text)       one string as a JSON string literal
//
// Host functions see it as __aerpc_json (a name of the host library's scope, not a global).

__aerpc.json = (function () {
    var hasOwn = Object.prototype.hasOwnProperty;
    var classOf = Object.prototype.toString;
    var HEX = "0123456789abcdef";
    var UPPER_HEX = "0123456789ABCDEF";
    var WIDE_ESCAPES_MAX = 1024;
    var wideEscapes = {"\"": "\\\"", "\\": "\\\\"};
    var wideCount = 0;
    var MAX_DEPTH = 1000;
    var CHUNK = 2048;
    var KEY_TEXTS_MAX = 512;
    var keyTexts = {};
    var openKeyTexts = {};
    var keyTextCount = 0;
    // What a string needs escaped to be JSON in printable ASCII (stringify), and what makes the
    // text between two quotes more than the string itself (parse: an escape, or invalid).
    var NEEDS_ESCAPE = /[\u0000-\u001f"\\\u007f-\uffff]/;
    var ESCAPE_ALL = /[\u0000-\u001f"\\\u007f-\uffff]/g;
    var STRING_SPECIAL = /[\u0000-\u001f\\]/;
    var BEYOND_ASCII = /[\u007f-\uffff]/;
    var UNPRINTABLE = /[^\u0020-\u007e]/;
    var BACKSLASHES = /\\/g;
    var QUOTES = /"/g;
    // The one-letter escapes: the escape of each character (stringify) and the character of
    // each escape letter, by its code (parse).
    var ESCAPES = {};
    var UNESCAPES = [];
    (function () {
        var letters = "\"\\/bfnrt";
        var chars = ["\"", "\\", "/", String.fromCharCode(8), String.fromCharCode(12),
            String.fromCharCode(10), String.fromCharCode(13), String.fromCharCode(9)];
        var i;
        for (i = 0; i < chars.length; i += 1) {
            UNESCAPES[letters.charCodeAt(i)] = chars[i];
            if (chars[i] !== "/") {
                ESCAPES[chars[i]] = "\\" + letters.charAt(i);
            }
        }
    }());

    // Texts shorter than EVAL_FROM characters are read by the exact parser, longer ones by the
    // fast path below, which ends in eval: eval compiles its text each time (every request has
    // an id of its own, so no cache of the engine helps). Measured by bench/jsx-parse-sizes.js:
    // under an interpreter (V8 --jitless) the exact parser is the faster below about 1,500
    // characters (a small request: 7 against 20 microseconds) and eval above (1.3 to 1.6 times
    // from 3 kB on); with V8's JIT (the node stand-in) the exact parser is as fast or faster at
    // every size measured, up to 200 kB.
    var EVAL_FROM = 2048;

    // The fast path of parse. A text is proven to be JSON by native RegExp passes, no loop over
    // its characters in script (slow in an interpreter): its strings become \u0001, whitespace
    // next to punctuation goes (whitespace inside a scalar, as in "- 1", stays and fails the
    // proof), then arrays and objects of such strings, numbers, true, false, null and folded
    // containers (\u0002) are folded into \u0002, innermost first, until one value is left. Only
    // then does the engine's own parser (eval, as json2.js does) read it: a JSON text holds no
    // name and no operator but a number's sign, so it runs no code. Anything else (invalid
    // text, nesting deeper than FOLDS, the placeholders or a __proto__ key in the text, a RegExp
    // engine giving up on a huge text) goes to the exact parser, which names the position.
    // Each pass is a fixed cost per call in an interpreter, so there are few: the scalars are
    // read by the folds themselves, not by a pass of their own. (An engine that wrote an unset
    // group of "$1$2" as anything but "" would only leave more texts to the exact parser.)
    var FOLDS = 32;
    var NOT_FAST = /[\u0001\u0002]|__proto__|\\u00(?:5[fF]|6[fF]|7[0-4])/;
    var STRING_TOKENS = /"[^"\\\u0000-\u001f]*(?:\\(?:["\\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*"/g;
    var SPACED_PUNCTUATION = /[ \t\n\r]+([,:\[\]{}])[ \t\n\r]*|([,:\[\]{}])[ \t\n\r]+/g;
    var SCALAR = "-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+\\-]?[0-9]+)?|true|false|null";
    var VALUE = "(?:[\\u0001\\u0002]|" + SCALAR + ")";
    var CONTAINERS = new RegExp("\\[(?:" + VALUE + "(?:," + VALUE + ")*)?\\]|\\{(?:\\u0001:" + VALUE +
        "(?:,\\u0001:" + VALUE + ")*)?\\}", "g");
    var ONE_VALUE = new RegExp("^[ \\t\\n\\r]*" + VALUE + "[ \\t\\n\\r]*$");
    // Characters a JSON string may hold as they are but an ES3 engine's source may not: the line
    // separators U+2028/U+2029 (line terminators: a syntax error inside a string literal) and
    // the format characters (Cf, which ES3 removes from source text before reading it), lone
    // surrogates and U+FFF0-U+FFFF for good measure. They are escaped before eval.
    var UNSAFE_IN_SOURCE = /[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufff0-\uffff\ud800-\udfff]/;
    // Either of the two above (NOT_FAST, UNSAFE_IN_SOURCE): one test that most texts pass, which
    // spares them the two.
    var SUSPECT = /[\u0001\u0002]|__proto__|\\u00(?:5[fF]|6[fF]|7[0-4])|[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufff0-\uffff\ud800-\udfff]/;
    var UNSAFE_IN_SOURCE_ALL = /[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufff0-\uffff\ud800-\udfff]/g;
    var LINE_SEPARATORS = /\u2028/g;
    var PARAGRAPH_SEPARATORS = /\u2029/g;

    // True when text is one JSON value (and none of the cases left to the exact parser). plain:
    // text is known not to match SUSPECT.
    function provenJson(text, plain) {
        var shape;
        var before;
        var folds = 0;
        if (!plain && NOT_FAST.test(text)) {
            return false;
        }
        shape = text.replace(STRING_TOKENS, "\u0001").replace(SPACED_PUNCTUATION, "$1$2");
        do {
            before = shape.length;
            shape = shape.replace(CONTAINERS, "\u0002");
            folds += 1;
        } while (shape.length > 1 && shape.length < before && folds < FOLDS);
        return shape === "\u0001" || shape === "\u0002" || ONE_VALUE.test(shape);
    }

    // The value of a text proven to be JSON, read by the engine's own parser.
    function evaluate(json, plain) {
        if (!plain && UNSAFE_IN_SOURCE.test(json)) {
            json = json.replace(LINE_SEPARATORS, "\\u2028").replace(PARAGRAPH_SEPARATORS, "\\u2029");
            if (UNSAFE_IN_SOURCE.test(json)) {
                json = json.replace(UNSAFE_IN_SOURCE_ALL, escapeChar);
            }
        }
        return eval("(" + json + ")");
    }

    function ParseFailure(message, position) {
        var error = new SyntaxError("aerpc JSON: " + message + " at position " + position);
        error.position = position;
        return error;
    }

    function hexValue(code) {
        if (code >= 48 && code <= 57) {
            return code - 48;
        }
        if (code >= 97 && code <= 102) {
            return code - 87;
        }
        if (code >= 65 && code <= 70) {
            return code - 55;
        }
        return -1;
    }

    // A JSON text's value. Texts of EVAL_FROM characters and more take the fast path, the
    // others the exact parser (see EVAL_FROM).
    function parse(source) {
        var text = typeof source === "string" ? source : String(source);
        return text.length >= EVAL_FROM ? parseFast(text) : parseExactly(text);
    }

    // A JSON text's value by the fast path when the text is proven to be JSON, else exactly
    // (and with the position of the first error) by the parser below.
    function parseFast(source) {
        var text = typeof source === "string" ? source : String(source);
        var proven = false;
        var plain = false;
        try {
            plain = !SUSPECT.test(text);
            proven = provenJson(text, plain);
        } catch (ignored) {
            proven = false; // a RegExp engine out of stack on a huge text: read it exactly
        }
        return proven ? evaluate(text, plain) : parseExactly(text);
    }

    // The exact parser's state: the text and the position read up to, kept by the codec (one
    // parse at a time; nothing a parse calls parses) so that a parse creates no closures (each
    // a cost per call in an interpreter). A text that failed to parse stays referenced here
    // until the next parse.
    var src = "";
    var pos = 0;
    var srcLen = 0;

    function fail(message) {
        throw ParseFailure(message, pos);
    }

    // Valid JSON this codec cannot represent: the caller gets -32602, not a parse error.
    function unsupported(message) {
        var error = ParseFailure(message, pos);
        error.unsupported = true;
        throw error;
    }

    // Skips whitespace; the code of the next character (NaN at the end of the text).
    function skipWhite() {
        var c = src.charCodeAt(pos);
        while (c === 32 || c === 9 || c === 10 || c === 13) {
            pos += 1;
            c = src.charCodeAt(pos);
        }
        return c;
    }

    // The string that starts at the quote at `pos`. Most strings hold no escape: the closing
    // quote and the check of what lies between are native string and RegExp calls, not a
    // loop over characters in script (the slow part in an interpreter like ExtendScript).
    function parseString() {
        var end = src.indexOf("\"", pos + 1);
        var body;
        var parts;
        var start;
        var c;
        var code;
        var digit;
        var k;
        if (end > pos) {
            body = src.substring(pos + 1, end);
            if (!STRING_SPECIAL.test(body)) {
                pos = end + 1;
                return body;
            }
        }
        parts = [];
        pos += 1;
        start = pos;
        for (;;) {
            if (pos >= srcLen) {
                fail("unterminated string");
            }
            c = src.charCodeAt(pos);
            if (c === 34) {
                if (pos > start) {
                    parts[parts.length] = src.substring(start, pos);
                }
                pos += 1;
                return parts.length === 1 ? parts[0] : parts.join("");
            }
            if (c === 92) {
                if (pos > start) {
                    parts[parts.length] = src.substring(start, pos);
                }
                pos += 1;
                if (pos >= srcLen) {
                    fail("unterminated escape");
                }
                c = src.charCodeAt(pos);
                if (c === 117) {
                    code = 0;
                    for (k = 1; k <= 4; k += 1) {
                        digit = pos + k < srcLen ? hexValue(src.charCodeAt(pos + k)) : -1;
                        if (digit < 0) {
                            fail("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    parts[parts.length] = String.fromCharCode(code);
                    pos += 4;
                } else if (c < 128 && UNESCAPES[c] !== undefined) {
                    parts[parts.length] = UNESCAPES[c];
                } else {
                    fail("bad escape");
                }
                pos += 1;
                start = pos;
            } else if (c < 32) {
                fail("unescaped control character in string");
            } else {
                pos += 1;
            }
        }
    }

    // A number. Integers of up to 15 digits (ids, indices, counts: exact in a double) are
    // added up as the digits are read; any other number is its src converted by unary +
    // (Number(src), without looking up the global name).
    function parseNumber() {
        var start = pos;
        var negative = false;
        var value = 0;
        var digits = 0;
        var c = src.charCodeAt(pos);
        if (c === 45) {
            negative = true;
            pos += 1;
            c = src.charCodeAt(pos);
        }
        if (c === 48) {
            pos += 1;
            c = src.charCodeAt(pos);
        } else if (c >= 49 && c <= 57) {
            do {
                value = value * 10 + (c - 48);
                digits += 1;
                pos += 1;
                c = src.charCodeAt(pos);
            } while (c >= 48 && c <= 57);
        } else {
            fail("bad number");
        }
        if (c !== 46 && c !== 101 && c !== 69) {
            if (digits <= 15) {
                return negative ? -value : value;
            }
            return +src.substring(start, pos);
        }
        if (c === 46) {
            pos += 1;
            skipDigits();
            c = src.charCodeAt(pos);
        }
        if (c === 101 || c === 69) {
            pos += 1;
            c = src.charCodeAt(pos);
            if (c === 43 || c === 45) {
                pos += 1;
            }
            skipDigits();
        }
        return +src.substring(start, pos);
    }

    function skipDigits() {
        var begin = pos;
        var c = src.charCodeAt(pos);
        while (c >= 48 && c <= 57) {
            pos += 1;
            c = src.charCodeAt(pos);
        }
        if (pos === begin) {
            fail("expected a digit");
        }
    }

    // The value at `pos`, whose first character (c) is not whitespace.
    function parseValue(c, depth) {
        if (c === 34) {
            return parseString();
        }
        if (c === 123) {
            return parseObject(depth);
        }
        if (c === 91) {
            return parseArray(depth);
        }
        if (c === 45 || (c >= 48 && c <= 57)) {
            return parseNumber();
        }
        if (c === 116 && src.substring(pos, pos + 4) === "true") {
            pos += 4;
            return true;
        }
        if (c === 102 && src.substring(pos, pos + 5) === "false") {
            pos += 5;
            return false;
        }
        if (c === 110 && src.substring(pos, pos + 4) === "null") {
            pos += 4;
            return null;
        }
        if (pos >= srcLen) {
            fail("unexpected end of input");
        }
        fail("unexpected character");
        return undefined;
    }

    function parseObject(depth) {
        var result = {};
        var key;
        var c;
        if (depth >= MAX_DEPTH) {
            fail("nested too deeply");
        }
        pos += 1;
        c = skipWhite();
        if (c === 125) {
            pos += 1;
            return result;
        }
        for (;;) {
            if (c !== 34) {
                fail("expected a string key");
            }
            key = parseString();
            if (key === "__proto__") {
                unsupported("the key __proto__ cannot be an own property in ExtendScript");
            }
            c = src.charCodeAt(pos);
            if (c !== 58) {
                c = skipWhite();
                if (c !== 58) {
                    fail("expected ':'");
                }
            }
            pos += 1;
            c = src.charCodeAt(pos);
            if (c <= 32) {
                c = skipWhite();
            }
            result[key] = parseValue(c, depth + 1);
            c = src.charCodeAt(pos);
            if (c <= 32) {
                c = skipWhite();
            }
            if (c === 44) {
                pos += 1;
                c = src.charCodeAt(pos);
                if (c <= 32) {
                    c = skipWhite();
                }
            } else if (c === 125) {
                pos += 1;
                return result;
            } else {
                fail("expected ',' or '}'");
            }
        }
    }

    function parseArray(depth) {
        var result = [];
        var n = 0;
        var c;
        if (depth >= MAX_DEPTH) {
            fail("nested too deeply");
        }
        pos += 1;
        c = skipWhite();
        if (c === 93) {
            pos += 1;
            return result;
        }
        for (;;) {
            result[n] = parseValue(c, depth + 1);
            n += 1;
            c = src.charCodeAt(pos);
            if (c <= 32) {
                c = skipWhite();
            }
            if (c === 44) {
                pos += 1;
                c = src.charCodeAt(pos);
                if (c <= 32) {
                    c = skipWhite();
                }
            } else if (c === 93) {
                pos += 1;
                return result;
            } else {
                fail("expected ',' or ']'");
            }
        }
    }

    function parseExactly(text) {
        var value;
        src = text;
        pos = 0;
        srcLen = text.length;
        value = parseValue(skipWhite(), 0);
        skipWhite();
        if (pos < srcLen) {
            fail("unexpected text after the value");
        }
        src = "";
        return value;
    }

    // The escape of a character a JSON string cannot hold as it is: \" \\ \b \f \n \r \t, else
    // \uXXXX (every other control character and everything above U+007E, U+2028/U+2029 and lone
    // surrogates among them, so the text is printable ASCII); those below 128 are kept as met.
    function escapeChar(c) {
        var code;
        var escaped = ESCAPES[c];
        if (escaped === undefined) {
            code = c.charCodeAt(0);
            escaped = "\\u" + HEX.charAt((code >> 12) & 15) + HEX.charAt((code >> 8) & 15) +
                HEX.charAt((code >> 4) & 15) + HEX.charAt(code & 15);
            if (code < 128) {
                ESCAPES[c] = escaped;
            }
        }
        return escaped;
    }

    // The escape of a character of s (the replacement callback of quote, so also given its
    // position and s): \" and \\ (kept from the start), a control character as escapeChar does
    // when s is ASCII (V8's escapes), else \uXXXX in upper-case hex. The escapes of characters
    // above U+007E are kept (names repeat their accents) up to WIDE_ESCAPES_MAX, then forgotten
    // all at once.
    function escapeWide(c, at, s) {
        var escaped = wideEscapes[c];
        var code;
        if (typeof escaped === "string") {
            return escaped;
        }
        code = c.charCodeAt(0);
        if (code < 127 && (code > 31 || !BEYOND_ASCII.test(s))) {
            return escapeChar(c);
        }
        escaped = "\\u" + UPPER_HEX.charAt((code >> 12) & 15) + UPPER_HEX.charAt((code >> 8) & 15) +
            UPPER_HEX.charAt((code >> 4) & 15) + UPPER_HEX.charAt(code & 15);
        if (code > 126) {
            if (wideCount >= WIDE_ESCAPES_MAX) {
                wideEscapes = {"\"": "\\\"", "\\": "\\\\"};
                wideCount = 0;
            }
            wideEscapes[c] = escaped;
            wideCount += 1;
        }
        return escaped;
    }

    // The JSON string literal of s, in printable ASCII. Most strings need no escape: one native
    // RegExp test. The others take one or two native calls, and a call into script only for
    // each character to escape in a string that is not all printable ASCII (escapeWide):
    //   * with characters outside U+0020-U+007E: one replacement, its callback run only for
    //     the characters to escape (cheaper under an interpreter than escape()/unescape() and
    //     the passes around them);
    //   * else " and \ only, each by one native replacement (no call into script at all).
    // Classes written as "not printable" ([^...]) are scanned faster by an interpreted RegExp
    // engine than ranges up to U+FFFF.
    // (write makes the test itself and calls escaped only for the strings that need it.)
    function quote(s) {
        return NEEDS_ESCAPE.test(s) ? escaped(s) : "\"" + s + "\"";
    }

    // The JSON string literal of s, which holds a character to escape.
    function escaped(s) {
        if (UNPRINTABLE.test(s)) {
            return "\"" + s.replace(ESCAPE_ALL, escapeWide) + "\"";
        }
        if (s.indexOf("\\") >= 0) {
            s = s.replace(BACKSLASHES, "\\\\");
        }
        if (s.indexOf("\"") >= 0) {
            s = s.replace(QUOTES, "\\\"");
        }
        return "\"" + s + "\"";
    }

    // ,"key": for an object's key, or {"key": for its first. The texts of the keys met are kept
    // (keys repeat from object to object: ids, names, paths), both forms, up to KEY_TEXTS_MAX,
    // then forgotten all at once; write looks them up itself and calls this only for a key not
    // kept. A cache entry is always an own string; "__proto__" is never stored (it would set a
    // prototype).
    function keyText(key, first) {
        var text = keyTexts[key];
        if (typeof text !== "string") {
            text = "," + quote(key) + ":";
            if (key !== "__proto__") {
                if (keyTextCount >= KEY_TEXTS_MAX) {
                    keyTexts = {};
                    openKeyTexts = {};
                    keyTextCount = 0;
                }
                keyTexts[key] = text;
                openKeyTexts[key] = "{" + text.substring(1);
                keyTextCount += 1;
            }
        }
        return first ? "{" + text.substring(1) : text;
    }

    // The JSON text of a number. "" + n and +text are String(n) and Number(text) without
    // looking up a global name (slow in an interpreter; in node's vm as well).
    function formatNumber(n) {
        var text;
        if (n === (n | 0)) {
            // An integer in 32 bits (ids, counts, -0 and 0 alike): its digits, exactly.
            return n === 0 ? "0" : "" + n;
        }
        if (n !== n || n - n !== 0) {
            return "null"; // NaN, Infinity, -Infinity
        }
        text = "" + n;
        if (+text !== n) {
            text = n.toPrecision(17);
        }
        return text;
    }

    function pad(n, width) {
        var text = String(n);
        while (text.length < width) {
            text = "0" + text;
        }
        return text;
    }

    function isoDate(d) {
        var year = d.getUTCFullYear();
        var yearText;
        if (year >= 0 && year <= 9999) {
            yearText = pad(year, 4);
        } else {
            yearText = (year < 0 ? "-" : "+") + pad(year < 0 ? -year : year, 6);
        }
        return yearText + "-" + pad(d.getUTCMonth() + 1, 2) + "-" + pad(d.getUTCDate(), 2) +
            "T" + pad(d.getUTCHours(), 2) + ":" + pad(d.getUTCMinutes(), 2) + ":" +
            pad(d.getUTCSeconds(), 2) + "." + pad(d.getUTCMilliseconds(), 3) + "Z";
    }

    // Joins the pieces out[0..n) into one string at the end of chunks; the new n: 0.
    function flush(out, n, chunks) {
        out.length = n;
        chunks[chunks.length] = out.join("");
        return 0;
    }

    // Writes the JSON text of value into out, from out[n] on, one piece per element, and
    // returns the new n, or -1 when value has no JSON text (undefined, a function). Pieces are
    // joined once, never copied into a longer string level by level; every CHUNK pieces or so
    // (between two elements, where all before is final) they are joined into a string kept in
    // chunks, so out stays short: a large array of strings costs an interpreter (ExtendScript,
    // and V8 too: most of its time went to the garbage collector) more than a few joins.
    // stack: the objects being written, for the cycle check.
    function write(value, out, n, stack, chunks) {
        var type = typeof value;
        var item;
        var kind;
        var key;
        var first;
        var mark;
        var i;
        var count;
        var text;
        var num;
        if (type === "object" && value !== null && typeof value.toJSON === "function") {
            value = value.toJSON();
            type = typeof value;
        }
        if (type === "string") {
            out[n] = quote(value);
            return n + 1;
        }
        if (type === "number") {
            out[n] = formatNumber(value);
            return n + 1;
        }
        if (value === null) {
            out[n] = "null";
            return n + 1;
        }
        if (type === "boolean") {
            out[n] = value ? "true" : "false";
            return n + 1;
        }
        if (type !== "object") {
            return -1;
        }
        kind = classOf.call(value);
        if (kind === "[object String]") {
            out[n] = quote(String(value));
            return n + 1;
        }
        if (kind === "[object Number]") {
            out[n] = formatNumber(Number(value));
            return n + 1;
        }
        if (kind === "[object Boolean]") {
            out[n] = value.valueOf() ? "true" : "false";
            return n + 1;
        }
        if (kind === "[object Date]") {
            out[n] = isFinite(value.getTime()) ? quote(isoDate(value)) : "null";
            return n + 1;
        }
        count = stack.length;
        for (i = 0; i < count; i += 1) {
            if (stack[i] === value) {
                throw new TypeError("aerpc JSON: cannot serialise a cyclic structure");
            }
        }
        stack[count] = value;
        if (kind === "[object Array]") {
            count = value.length;
            if (count === 0) {
                out[n] = "[]";
                n += 1;
            }
            for (i = 0; i < count; i += 1) {
                if (n >= CHUNK) {
                    n = flush(out, n, chunks);
                }
                item = value[i];
                type = typeof item;
                // Strings, numbers and null inline (one piece, no call of write): most leaves.
                if (type === "string") {
                    out[n] = (i === 0 ? "[" : ",") +
                        (NEEDS_ESCAPE.test(item) ? escaped(item) : "\"" + item + "\"");
                    n += 1;
                } else if (type === "number") {
                    out[n] = (i === 0 ? "[" : ",") +
                        (item === (item | 0) ? "" + item : formatNumber(item));
                    n += 1;
                } else if (item === null) {
                    out[n] = i === 0 ? "[null" : ",null";
                    n += 1;
                } else {
                    out[n] = i === 0 ? "[" : ",";
                    mark = write(item, out, n + 1, stack, chunks);
                    if (mark < 0) {
                        out[n] = i === 0 ? "[null" : ",null";
                        mark = n + 1;
                    }
                    n = mark;
                }
            }
            if (count > 0) {
                out[n] = "]";
                n += 1;
            }
        } else {
            // A plain object, or any other (an Error, a host object): its own enumerable
            // properties whose values have a JSON text.
            first = true;
            for (key in value) {
                if (hasOwn.call(value, key)) {
                    if (n >= CHUNK) {
                        n = flush(out, n, chunks);
                    }
                    item = value[key];
                    type = typeof item;
                    text = first ? openKeyTexts[key] : keyTexts[key];
                    if (typeof text !== "string") {
                        text = keyText(key, first);
                    }
                    if (type === "string") {
                        out[n] = text + (NEEDS_ESCAPE.test(item) ? escaped(item) : "\"" + item + "\"");
                        n += 1;
                        first = false;
                    } else if (type === "number") {
                        num = "" + item;
                        if (+num !== item || item - item !== 0) {
                            num = formatNumber(item);
                        }
                        out[n] = text + num;
                        n += 1;
                        first = false;
                    } else if (item === null) {
                        out[n] = text + "null";
                        n += 1;
                        first = false;
                    } else {
                        out[n] = text;
                        mark = write(item, out, n + 1, stack, chunks);
                        if (mark >= 0) {
                            n = mark;
                            first = false;
                        }
                    }
                }
            }
            out[n] = first ? "{}" : "}";
            n += 1;
        }
        stack.pop();
        return n;
    }

    // JSON text of value, ASCII only (every other character is a \u escape, so lone surrogates
    // and U+2028/U+2029 survive any transcoding between ExtendScript and the panel). undefined
    // and functions give undefined, like JSON.stringify; cycles throw a TypeError.
    function stringify(value) {
        var out = [];
        var chunks = [];
        var n = write(value, out, 0, [], chunks);
        if (n < 0) {
            return undefined;
        }
        if (chunks.length > 0) {
            flush(out, n, chunks);
            return chunks.join("");
        }
        if (out.length !== n) {
            out.length = n;
        }
        return n === 1 ? out[0] : out.join("");
    }

    // provenJson, parseFast and parseExactly: the halves of parse, for the tests and benches.
    return {parse: parse, stringify: stringify, quote: quote, provenJson: provenJson,
        parseFast: parseFast, parseExactly: parseExactly, EVAL_FROM: EVAL_FROM};
}());
