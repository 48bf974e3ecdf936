#!/usr/bin/env python3
"""Writes Stoker's test data with implementations other than Stoker, and its manifest.

Every file is written by an independent writer (TensorFlow for TFRecords and the tf.data
reference, DuckDB for Parquet, Pillow or libjpeg-turbo for JPEGs) so that the Java tests check
Stoker against the real thing, never against itself. The manifest records, for every file, the
writer and its version, the record or row count, the SHA-256 of every payload and the decoded
contents that the tests assert against.

Run from anywhere:  python3 testdata/generate.py   (see testdata/README.md)
All randomness is seeded; rerunning with the pinned versions in requirements.txt gives the same
bytes. The script refuses to run with other versions unless --any-version is given.
"""

import argparse
import base64
import ctypes
import ctypes.util
import hashlib
import importlib.metadata
import io
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import PIL  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter, features  # noqa: E402
import tensorflow as tf  # noqa: E402

PINNED = {"tensorflow": "2.21.0", "pillow": "12.3.0", "duckdb": "1.5.6", "pyarrow": "25.0.1",
          "numpy": "2.4.6", "keras": "3.15.1"}
GRAIN_PHOTO = 12.0  # sensor-like noise (std dev, 8-bit levels): ~3.5 bits/pixel at q90 4:2:0
GRAIN_CROP = 14.0  # ImageNet-like crops: ~4 bits/pixel at q90 4:2:0
OUT = os.path.dirname(os.path.abspath(__file__))
LABEL_NAMES = ["red", "green", "blue", "yellow", "cyan", "magenta", "white", "black", "gray",
               "orange"]
COLORS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (0, 255, 255), (255, 0, 255),
          (255, 255, 255), (0, 0, 0), (128, 128, 128), (255, 165, 0)]


def sha256(b):
    return hashlib.sha256(bytes(b)).hexdigest()


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return path


def read(rel):
    with open(os.path.join(OUT, rel), "rb") as f:
        return f.read()


def versions():
    return {
        "python": sys.version.split()[0],
        "tensorflow": tf.__version__,
        "pillow": PIL.__version__,
        "pillow_libjpeg_turbo": features.version("libjpeg_turbo"),
        "duckdb": duckdb.__version__,
        "pyarrow": pa.__version__,
        "numpy": np.__version__,
        "protobuf_python": __import__("google.protobuf").protobuf.__version__,
    }


# ---------------------------------------------------------------------------------------------
# JPEG structure, read back from the bytes (to record what the writers produced)


def jpeg_markers(data):
    """Walks the marker segments up to the first SOS; returns the facts the tests check."""
    facts = {"adobe_transform": None, "restart_interval": 0, "exif_orientation": None,
             "jfif": False, "comment": None}
    i = 2
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValueError("marker expected at %d" % i)
        m = data[i + 1]
        seglen = struct.unpack(">H", data[i + 2:i + 4])[0]
        body = data[i + 4:i + 2 + seglen]
        if m in (0xC0, 0xC1, 0xC2):
            facts["sof"] = {0xC0: "baseline", 0xC1: "extended", 0xC2: "progressive"}[m]
            facts["height"], facts["width"] = struct.unpack(">HH", body[1:5])
            n = body[5]
            comps = []
            for c in range(n):
                cid, hv = body[6 + 3 * c], body[7 + 3 * c]
                comps.append([cid, hv >> 4, hv & 15])
            facts["components"] = n
            facts["sampling_factors"] = comps
        elif m == 0xDD:
            facts["restart_interval"] = struct.unpack(">H", body[:2])[0]
        elif m == 0xEE and body[:5] == b"Adobe":
            facts["adobe_transform"] = body[11]
        elif m == 0xE0 and body[:5] == b"JFIF\0":
            facts["jfif"] = True
        elif m == 0xFE:
            facts["comment"] = body.decode("latin-1")
        elif m == 0xE1 and body[:6] == b"Exif\0\0":
            facts["exif_orientation"] = Image.open(io.BytesIO(data)).getexif().get(0x0112)
        if m == 0xDA:
            break
        i += 2 + seglen
    facts["restart_markers_in_scan"] = sum(
        1 for k in range(len(data) - 1) if data[k] == 0xFF and 0xD0 <= data[k + 1] <= 0xD7)
    return facts


def subsampling_name(facts):
    comps = facts["sampling_factors"]
    if facts["components"] == 1:
        return "GRAY"
    h0, v0 = comps[0][1], comps[0][2]
    if all(c[1] == h0 and c[2] == v0 for c in comps):
        return "S444"
    if facts["components"] == 3 and all(c[1] == 1 and c[2] == 1 for c in comps[1:]):
        return {(2, 2): "S420", (2, 1): "S422", (1, 2): "S440", (4, 1): "S411"}.get((h0, v0),
                                                                                    "OTHER")
    return "OTHER"


def rgb_summary(arr):
    arr = np.ascontiguousarray(arr, dtype=np.uint8)
    h, w = arr.shape[:2]
    return {
        "shape_hwc": list(arr.shape),
        "rgb_sha256": sha256(arr.tobytes()),
        "pixel_x0_y0": arr[0, 0].tolist(),
        "pixel_center": arr[h // 2, w // 2].tolist(),
        "pixel_last": arr[h - 1, w - 1].tolist(),
    }


def tf_decode(data, **kw):
    try:
        arr = tf.io.decode_jpeg(data, channels=3, **kw).numpy()
        return arr, rgb_summary(arr)
    except tf.errors.OpError as e:  # recorded, not hidden: the manifest says what TF did
        return None, {"error": type(e).__name__, "message": tf_message(e)}


def pillow_decode(data):
    try:
        im = Image.open(io.BytesIO(data))
        mode = im.mode
        im.load()
        arr = np.asarray(im.convert("RGB"))
        out = rgb_summary(arr)
        out["mode"] = mode
        return arr, out
    except Exception as e:
        return None, {"error": type(e).__name__, "message": str(e).strip().splitlines()[0]}


def max_diff(a, b):
    if a is None or b is None or a.shape != b.shape:
        return None
    return int(np.max(np.abs(a.astype(np.int16) - b.astype(np.int16))))


# ---------------------------------------------------------------------------------------------
# Small class-pattern images (the payloads of images.tfrecord and the Parquet files)


def small_images():
    entries, blobs = [], []
    for i in range(40):
        label = i % 10
        color = COLORS[label]
        other = COLORS[(label + 5) % 10]
        if i < 30:
            pattern, w, h = "solid", 64, 48
        elif i < 35:
            pattern, w, h = "left-right", 64, 48
        else:
            pattern, w, h = "top-bottom", 48, 64
        im = Image.new("RGB", (w, h), color)
        bbox = None
        if pattern == "left-right":
            ImageDraw.Draw(im).rectangle([w // 2, 0, w - 1, h - 1], fill=other)
            bbox = (0.0, 0.0, 0.5, 1.0)
        elif pattern == "top-bottom":
            ImageDraw.Draw(im).rectangle([0, h // 2, w - 1, h - 1], fill=other)
            bbox = (0.0, 0.0, 1.0, 0.5)
        name = "img-%02d.jpg" % i
        comment = "vectors %s label=%d %s" % (name, label, pattern)
        progressive = i == 39
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=95, subsampling=2, progressive=progressive,
                comment=comment.encode("ascii"))
        data = buf.getvalue()
        write("images/" + name, data)
        source = np.asarray(im)
        tf_arr, tf_default = tf_decode(data)
        tf_arr_ia, tf_ia = tf_decode(data, dct_method="INTEGER_ACCURATE")
        pil_arr, pil = pillow_decode(data)
        entries.append({
            "file": "images/" + name, "index": i, "width": w, "height": h, "label": label,
            "label_name": LABEL_NAMES[label], "pattern": pattern, "source_rgb": list(color),
            "second_rgb": list(other) if pattern != "solid" else None,
            "bbox_xmin_ymin_xmax_ymax": list(bbox) if bbox else None,
            "jpeg": "progressive" if progressive else "baseline",
            "jpeg_writer": "Pillow %s (libjpeg-turbo %s), quality 95, YCbCr 4:2:0, JFIF APP0, "
                           "plus a COM marker%s" % (PIL.__version__, features.version("libjpeg_turbo"),
                                                   ", progressive" if progressive else ""),
            "jpeg_comment": comment, "size": len(data), "sha256": sha256(data),
            "tf_decode_jpeg_default": tf_default, "tf_decode_jpeg_integer_accurate": tf_ia,
            "pillow_decode_rgb_sha256": pil["rgb_sha256"],
            "max_abs_diff_pillow_vs_tf_default": max_diff(pil_arr, tf_arr),
            "max_abs_diff_pillow_vs_tf_integer_accurate": max_diff(pil_arr, tf_arr_ia),
            "max_abs_diff_tf_default_vs_source": max_diff(tf_arr, source),
        })
        blobs.append(data)
    return entries, blobs


# ---------------------------------------------------------------------------------------------
# TFRecords


def f32(bits):
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def feature(kind, values):
    f = tf.train.Feature()
    if kind == "bytes":
        f.bytes_list.SetInParent()
        f.bytes_list.value.extend(values)
    elif kind == "float":
        f.float_list.SetInParent()
        f.float_list.value.extend(values)
    elif kind == "int64":
        f.int64_list.SetInParent()
        f.int64_list.value.extend(values)
    return f


def example(feats):
    ex = tf.train.Example()
    ex.features.SetInParent()
    for k, (kind, values) in feats.items():
        ex.features.feature[k].CopyFrom(feature(kind, values))
    return ex.SerializeToString(deterministic=True)


def small_records():
    recs = []
    recs.append((example({
        "id": ("int64", [0]), "name": ("bytes", [b"record-0"]), "score": ("float", [0.5]),
        "vec": ("float", [1.0, -2.5, 3.25]), "counts": ("int64", [1, 2, 3]),
        "tags": ("bytes", [b"a", b"b", b"c"])}), "all three kinds, single- and multi-value"))
    recs.append((example({
        "id": ("int64", [1]), "name": ("bytes", [b"record-1"]),
        "big": ("int64", [2**63 - 1, -2**63, -1, 0, 2**53 + 1, 2**32, -(2**32 + 1)])}),
        "int64 extremes: Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 2^53+1, 2^32, -(2^32+1)"))
    recs.append((example({
        "id": ("int64", [2]), "name": ("bytes", [b"record-2"]), "empty_bytes": ("bytes", [b""]),
        "binary": ("bytes", [bytes([0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x0A, 0x0D])]),
        "utf8": ("bytes", ["héllo wörld ✓ 日本語".encode("utf-8")]),
        "mixed": ("bytes", [b"", b"x", b""])}),
        "bytes edge cases: a single empty value, non-UTF-8 binary, multi-byte UTF-8, "
        "multi-value with empty elements"))
    recs.append((example({
        "id": ("int64", [3]), "empty_floats": ("float", []), "empty_ints": ("int64", []),
        "empty_strings": ("bytes", [])}),
        "features present with EMPTY lists (float_list{}, int64_list{}, bytes_list{})"))
    recs.append((example({"id": ("int64", [4])}), "only 'id'; every other feature missing"))
    specials = [0x00000000, 0x80000000, 0x00000001, 0x00800000, 0x7F7FFFFF, 0xFF7FFFFF,
                0x3DCCCCCD, 0x7FC00000, 0x7F800000, 0xFF800000]
    recs.append((example({"id": ("int64", [5]), "floats": ("float", [f32(b) for b in specials])}),
                 "float32 specials: 0, -0, min subnormal, min normal, max, -max, 0.1, NaN, "
                 "+Inf, -Inf (see 'bits' for exact values)"))
    recs.append((example({
        "id": ("int64", [6]), "name": ("bytes", [b"record-6"]),
        "counts": ("int64", [i * i - 50 for i in range(100)]),
        "tags": ("bytes", [b"t%03d" % i for i in range(100)]),
        "vec": ("float", [i * 0.125 for i in range(64)])}),
        "longer lists: 100 bytes values, 100 int64 values, 64 float values"))
    ex = tf.train.Example()
    ex.features.feature["id"].int64_list.value.append(7)
    ex.features.feature["unset"].SetInParent()
    recs.append((ex.SerializeToString(deterministic=True),
                 "feature 'unset' is a Feature message with no kind set (oneof empty)"))
    ex = tf.train.Example()
    ex.features.SetInParent()
    recs.append((ex.SerializeToString(), "Example with an empty Features message: payload is "
                                         "exactly 0x0a 0x00"))
    recs.append((b"", "completely empty Example: zero-length record payload"))
    assert recs[8][0] == b"\x0a\x00"
    return recs


def image_records(blobs):
    recs = []
    for i, data in enumerate(blobs):
        label = i % 10
        w, h = (48, 64) if i >= 35 else (64, 48)
        feats = {
            "image/encoded": ("bytes", [data]), "image/format": ("bytes", [b"JPEG"]),
            "image/colorspace": ("bytes", [b"RGB"]), "image/channels": ("int64", [3]),
            "image/class/label": ("int64", [label]),
            "image/class/synset": ("bytes", [b"n%08d" % label]),
            "image/class/text": ("bytes", [LABEL_NAMES[label].encode()]),
            "image/filename": ("bytes", [b"img-%02d.jpg" % i]),
            "image/height": ("int64", [h]), "image/width": ("int64", [w]),
        }
        if i < 30:
            box = []
        elif i < 35:
            box = [(0.0, 0.0, 0.5, 1.0)]
        else:
            box = [(0.0, 0.0, 1.0, 0.5)]
        feats["image/object/bbox/xmin"] = ("float", [b[0] for b in box])
        feats["image/object/bbox/ymin"] = ("float", [b[1] for b in box])
        feats["image/object/bbox/xmax"] = ("float", [b[2] for b in box])
        feats["image/object/bbox/ymax"] = ("float", [b[3] for b in box])
        feats["image/object/bbox/label"] = ("int64", [label] * len(box))
        recs.append((example(feats), None))
    return recs


def large_records():
    rng = np.random.default_rng(20240601)
    blob = rng.integers(0, 256, size=820_000, dtype=np.uint8).tobytes()
    floats = [i * 0.5 for i in range(65536)]
    return [
        (example({"id": ("int64", [0]), "name": ("bytes", [b"before-large"])}), None),
        (example({"id": ("int64", [1]), "blob": ("bytes", [blob]), "floats": ("float", floats)}),
         "payload > 1 MiB: 'blob' = 820,000 bytes from numpy default_rng(20240601).integers("
         "0, 256, uint8), 'floats' = 65,536 values i*0.5 (i = 0..65535)"),
        (example({"id": ("int64", [2]), "name": ("bytes", [b"after-large"])}), None),
    ]


def describe_features(payload):
    ex = tf.train.Example()
    ex.ParseFromString(payload)
    out = {}
    for key in sorted(ex.features.feature):
        f = ex.features.feature[key]
        kind = f.WhichOneof("kind")
        if kind is None:
            out[key] = {"kind": "kind_not_set", "count": 0}
            continue
        vals = list(getattr(f, kind).value)
        d = {"kind": kind, "count": len(vals)}
        if kind == "bytes_list":
            vs = []
            for v in vals:
                e = {"len": len(v), "sha256": sha256(v)}
                if len(v) <= 256:
                    e["b64"] = base64.b64encode(v).decode()
                    try:
                        e["utf8"] = v.decode("utf-8")
                    except UnicodeDecodeError:
                        pass
                vs.append(e)
            d["values"] = vs
        elif kind == "float_list":
            bits = [struct.unpack("<I", struct.pack("<f", v))[0] for v in vals]
            if len(vals) > 1000:
                d["values_sha256_f32le"] = sha256(struct.pack("<%df" % len(vals), *vals))
                d["values_first"] = vals[:4]
                d["values_last"] = vals[-1]
            else:
                d["values"] = [java_float(b) for b in bits]
                d["bits"] = ["0x%08x" % b for b in bits]
        else:
            d["values"] = vals
        out[key] = d
    return out


def java_float(bits):
    """The float32 as a JSON number (exact decimal of a float32) or NaN/Infinity strings."""
    v = f32(bits)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    # shortest repr that round-trips through float32
    for digits in range(1, 18):
        s = "%.*g" % (digits, v)
        try:
            if struct.unpack("<I", struct.pack("<f", float(s)))[0] == bits:
                return float(s)
        except OverflowError:
            continue
    return v


def tf_parse_agrees(payload, features):
    if not features:
        return "no features to parse"
    spec = {}
    for k, d in features.items():
        dtype = {"bytes_list": tf.string, "int64_list": tf.int64}.get(d["kind"], tf.float32)
        spec[k] = tf.io.VarLenFeature(dtype)
    try:
        parsed = tf.io.parse_single_example(payload, spec)
    except Exception as e:
        return "error: %s" % str(e).splitlines()[0]
    ex = tf.train.Example()
    ex.ParseFromString(payload)
    for k, d in features.items():
        got = parsed[k].values.numpy()
        f = ex.features.feature[k]
        kind = f.WhichOneof("kind")
        want = list(getattr(f, kind).value) if kind else []
        if d["kind"] == "float_list":
            a = np.asarray(got, dtype=np.float32).view(np.uint32).tolist()
            b = np.asarray(want, dtype=np.float32).view(np.uint32).tolist()
        else:
            a, b = list(got), want
        if a != b:
            return "differs in %s" % k
    return "agrees"


COMPRESSION = {"NONE": "", "GZIP": "GZIP", "ZLIB": "ZLIB"}


def write_tfrecord(rel, payloads, compression):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with tf.io.TFRecordWriter(path, tf.io.TFRecordOptions(
            compression_type=COMPRESSION[compression])) as w:
        for p in payloads:
            w.write(p)
    back = [r.numpy() for r in tf.data.TFRecordDataset(
        path, compression_type=COMPRESSION[compression])]
    if back != list(payloads):
        raise AssertionError("%s: TFRecordDataset read back something else" % rel)
    return path


WRITER_TF = ("TensorFlow %s tf.io.TFRecordWriter (Python), payloads serialized by Python protobuf "
             "%s (tf.train.Example, SerializeToString(deterministic=True): keys sorted)")


def tfrecord_entry(rel, desc, recs, compression, with_features, parse_check):
    payloads = [p for p, _ in recs]
    write_tfrecord(rel, payloads, compression)
    data = read(rel)
    entry = {
        "file": rel, "description": desc,
        "writer": WRITER_TF % (tf.__version__, versions()["protobuf_python"]),
        "compression": compression, "file_size": len(data), "file_sha256": sha256(data),
        "record_count": len(payloads),
        "verified_by": "TensorFlow %s tf.data.TFRecordDataset (compression_type=%r): %d records "
                       "read back byte-identical, then end of sequence; payloads parsed with "
                       "Python protobuf tf.train.Example%s" % (
                           tf.__version__, COMPRESSION[compression], len(payloads),
                           " and cross-checked with tf.io.parse_single_example"
                           if parse_check else ""),
        "records": [],
    }
    offset = 0
    for i, (p, note) in enumerate(recs):
        r = {"index": i}
        if compression == "NONE":
            r["offset"] = offset
        r["length"] = len(p)
        r["sha256"] = sha256(p)
        offset += 12 + len(p) + 4
        if with_features:
            feats = describe_features(p)
            r["features"] = feats
            if parse_check:
                r["tf_parse_single_example"] = tf_parse_agrees(p, feats)
        if note:
            r["note"] = note
        entry["records"].append(r)
    return entry


def tf_message(err):
    """The op's own words, without the eager wrapper's function-node prefix and op suffix."""
    msg = err.message.strip()
    msg = re.sub(r"^\{\{function_node [^}]*\}\}\s*", "", msg)
    return re.sub(r"\s*\[Op:[^\]]*\].*$", "", msg, flags=re.S)


def tf_observe(rel):
    path = os.path.join(OUT, rel)
    got, err = [], None
    it = iter(tf.data.TFRecordDataset(path))
    while True:
        try:
            got.append(sha256(next(it).numpy()))
        except StopIteration:
            break
        except tf.errors.OpError as e:
            err = e
            break
    after = []
    if err is not None:
        try:
            next(it)
            after.append("another record")
        except StopIteration:
            after.append("StopIteration (end of sequence)")
        except tf.errors.OpError as e:
            after.append(type(e).__name__)
    return {
        "reader": "TensorFlow %s tf.data.TFRecordDataset (compression_type='')" % tf.__version__,
        "outcome": "error" if err is not None else "clean end of file",
        "records_returned_before_error": len(got), "records_returned_sha256": got,
        "error_python_exception": type(err).__name__ if err is not None else None,
        "error_message": tf_message(err) if err is not None else None,
        "subsequent_get_next_calls": after,
    }


def corrupt_files(small_entry):
    base = read("tfrecord/small.tfrecord")
    recs = small_entry["records"]
    out = []

    def flipped(rel, at, mask, corruption, bad, must):
        data = bytearray(base)
        orig = data[at]
        data[at] ^= mask
        write(rel, bytes(data))
        return {
            "file": rel, "description": "CORRUPTED: derived from tfrecord/small.tfrecord",
            "writer": "byte-level modification of a TensorFlow-written file (by generate.py)",
            "compression": "NONE", "file_size": len(data), "file_sha256": sha256(data),
            "corruption": corruption, "flipped_byte_offset": at, "flip_mask": "0x%02x" % mask,
            "original_byte": "0x%02x" % orig, "corrupted_byte": "0x%02x" % data[at],
            "valid_records_before_error": bad, "bad_record_index": bad,
            "bad_record_offset": recs[bad]["offset"], "correct_reader_must_report": must,
            "tensorflow_observed": tf_observe(rel),
        }

    r3 = recs[3]
    new_len = r3["length"] ^ (0x04 << 8)
    out.append(flipped(
        "tfrecord/corrupt-length.tfrecord", r3["offset"] + 1, 0x04,
        "bit 2 of byte %d flipped: that is the 2nd byte of record 3's uint64 length field "
        "(length %d becomes %d)" % (r3["offset"] + 1, r3["length"], new_len), 3,
        "records 0-2 valid; record 3 (header at offset %d): length CRC mismatch -> report "
        "corruption/data loss at offset %d; a reader must not trust the length (it no longer "
        "matches its masked CRC32C)" % (r3["offset"], r3["offset"])))
    at = recs[2]["offset"] - 1
    out.append(flipped(
        "tfrecord/corrupt-data-crc.tfrecord", at, 0x80,
        "bit 7 of byte %d flipped: last byte of record 1's masked CRC32C of the data (footer)"
        % at, 1,
        "record 0 valid; record 1 (offset %d): data CRC mismatch -> corruption at offset %d"
        % (recs[1]["offset"], recs[1]["offset"])))
    r6 = recs[6]
    cut = r6["offset"] + 12 + r6["length"] // 2
    data = base[:cut]
    rel = "tfrecord/truncated-mid-record.tfrecord"
    write(rel, data)
    out.append({
        "file": rel, "description": "CORRUPTED: derived from tfrecord/small.tfrecord",
        "writer": "byte-level modification of a TensorFlow-written file (by generate.py)",
        "compression": "NONE", "file_size": len(data), "file_sha256": sha256(data),
        "corruption": "small.tfrecord cut to its first %d bytes: the file ends inside record "
                      "6's payload (record 6 header at %d, payload %d bytes starting at %d)"
                      % (cut, r6["offset"], r6["length"], r6["offset"] + 12),
        "truncated_to_length": cut, "valid_records_before_error": 6, "bad_record_index": 6,
        "bad_record_offset": r6["offset"],
        "correct_reader_must_report": "records 0-5 valid; then a truncated record at offset %d "
                                      "-> must be reported as an error (data loss/truncation), "
                                      "not as a clean end of file" % r6["offset"],
        "tensorflow_observed": tf_observe(rel),
    })
    return out


def tfrecords(blobs):
    files = []
    small = small_records()
    files.append(tfrecord_entry(
        "tfrecord/small.tfrecord",
        "10 tf.train.Example records covering every feature kind and edge cases",
        small, "NONE", True, True))
    files.append(tfrecord_entry(
        "tfrecord/small.gzip.tfrecord",
        "same 10 records as small.tfrecord, GZIP-compressed (gzip member wrapping the whole "
        "TFRecord stream)", small, "GZIP", True, False))
    files.append(tfrecord_entry(
        "tfrecord/small.zlib.tfrecord",
        "same 10 records as small.tfrecord, ZLIB-compressed (zlib stream with 2-byte header + "
        "adler32 wrapping the whole TFRecord stream)", small, "ZLIB", True, False))
    imgs = image_records(blobs)
    files.append(tfrecord_entry(
        "tfrecord/images.tfrecord",
        "40 Examples in the schema of TF's ImageNet conversion script (build_imagenet_data.py): "
        "image/encoded = the JPEG bytes of images/img-NN.jpg (byte-identical), labels 0..9 = "
        "index % 10 (0-based, same as the Parquet files), bbox lists empty for solid images",
        imgs, "NONE", True, True))
    files.append(tfrecord_entry(
        "tfrecord/images.gzip.tfrecord", "same 40 records as images.tfrecord, GZIP-compressed",
        imgs, "GZIP", False, False))
    for s in range(4):
        files.append(tfrecord_entry(
            "tfrecord/images-%05d-of-00004.tfrecord" % s,
            "shard %d of 4: records %d..%d of images.tfrecord (same payloads, same order)"
            % (s, 10 * s, 10 * s + 9), imgs[10 * s:10 * s + 10], "NONE", False, False))
    files.append(tfrecord_entry(
        "tfrecord/large.tfrecord", "3 records; the middle one is larger than 1 MiB",
        large_records(), "NONE", True, True))
    files.append(tfrecord_entry(
        "tfrecord/empty.tfrecord", "zero records (TF writes a 0-byte file)", [], "NONE", False,
        False))
    files.append(tfrecord_entry(
        "tfrecord/empty.gzip.tfrecord", "zero records, GZIP: a gzip stream that inflates to 0 "
        "bytes", [], "GZIP", False, False))
    assert len(files[-3]["records"][1:2]) == 1 and files[-3]["records"][1]["length"] > 1 << 20
    files.extend(corrupt_files(files[0]))
    return files


# ---------------------------------------------------------------------------------------------
# tf.data reference


def tfdata_reference():
    src = os.path.join(OUT, "tfrecord/images.tfrecord")

    def parse(serialized):
        f = tf.io.parse_single_example(serialized, {
            "image/encoded": tf.io.FixedLenFeature([], tf.string),
            "image/class/label": tf.io.FixedLenFeature([], tf.int64),
            "image/filename": tf.io.FixedLenFeature([], tf.string)})
        img = tf.io.decode_jpeg(f["image/encoded"], channels=3)
        img = tf.image.resize(img, [32, 32], method="bilinear", antialias=False)
        return img, f["image/class/label"], f["image/filename"]

    def run(parallel):
        ds = tf.data.TFRecordDataset([src])
        if parallel:
            ds = ds.map(parse, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
            ds = ds.batch(8).prefetch(tf.data.AUTOTUNE)
        else:
            ds = ds.map(parse).batch(8)
        return [(i.numpy(), l.numpy(), f.numpy()) for i, l, f in ds]

    seq = run(False)
    par = run(True)
    same = all(a[0].tobytes() == b[0].tobytes() and list(a[1]) == list(b[1])
               for a, b in zip(seq, par)) and len(seq) == len(par)
    images = np.concatenate([b[0] for b in seq]).astype("<f4")
    labels = np.concatenate([b[1] for b in seq])
    names = [n.decode() for b in seq for n in b[2]]
    write("tfdata-reference/images-32x32x3-f32le.bin", images.tobytes())
    csv = "index,filename,label\n" + "".join(
        "%d,%s,%d\n" % (i, n, l) for i, (n, l) in enumerate(zip(names, labels)))
    write("tfdata-reference/labels.csv", csv.encode())
    # independent check: bilinear with half-pixel centres, on TF's own decoded pixels
    worst = 0.0
    for i, name in enumerate(names):
        px = tf.io.decode_jpeg(read("images/" + name), channels=3).numpy().astype(np.float64)
        worst = max(worst, float(np.max(np.abs(bilinear_half_pixel(px, 32, 32) - images[i]))))
    batches = []
    at = 0
    for b, (imgs, lbls, fns) in enumerate(seq):
        batches.append({
            "batch": b, "size": len(lbls), "image_shape": list(imgs.shape),
            "images_f32le_sha256": sha256(imgs.astype("<f4").tobytes()),
            "labels": [int(x) for x in lbls], "filenames": [x.decode() for x in fns]})
        at += len(lbls)
    per_image = []
    for i in range(len(names)):
        im = images[i]
        per_image.append({
            "index": i, "filename": names[i], "label": int(labels[i]),
            "f32le_sha256": sha256(im.tobytes()),
            "pixel_0_0_rgb": [float(v) for v in im[0, 0]],
            "pixel_31_31_rgb": [float(v) for v in im[31, 31]],
            "channel_means": [float(v) for v in im.reshape(-1, 3).astype(np.float64).mean(0)],
            "min": float(im.min()), "max": float(im.max())})
    return {
        "file": "tfdata-reference/images-32x32x3-f32le.bin",
        "companion_files": ["tfdata-reference/labels.csv"],
        "writer": "TensorFlow %s tf.data (Python, eager iteration)" % tf.__version__,
        "input": "tfrecord/images.tfrecord",
        "pipeline": [
            "tf.data.TFRecordDataset([tfrecord/images.tfrecord])",
            "map(parse_decode_resize)  [also run as map(num_parallel_calls=AUTOTUNE, "
            "deterministic=True) + prefetch(AUTOTUNE)]",
            "  parse_decode_resize: tf.io.parse_single_example(FixedLen image/encoded:string, "
            "image/class/label:int64, image/filename:string) -> tf.io.decode_jpeg(channels=3, "
            "dct_method='' default) -> tf.image.resize([32,32], 'bilinear', antialias=False) "
            "(half-pixel centres)",
            "batch(8, drop_remainder=False)",
        ],
        "output_layout": "float32 little-endian, shape [40, 32, 32, 3] (NHWC, RGB, values in "
                         "0..255, not normalised), images in record order of "
                         "tfrecord/images.tfrecord",
        "file_sha256": sha256(images.tobytes()),
        "batch_count": len(seq), "batch_sizes": [len(b[1]) for b in seq],
        "parallel_map_and_prefetch_identical_to_sequential": bool(same),
        "max_abs_diff_vs_independent_bilinear_half_pixel_on_tf_decoded_pixels": worst,
        "batches": batches, "per_image": per_image,
    }


def bilinear_half_pixel(px, oh, ow):
    h, w, _ = px.shape
    out = np.zeros((oh, ow, px.shape[2]), np.float64)
    for y in range(oh):
        sy = max((y + 0.5) * h / oh - 0.5, 0.0)
        y0 = min(int(math.floor(sy)), h - 1)
        y1 = min(y0 + 1, h - 1)
        dy = sy - y0
        for x in range(ow):
            sx = max((x + 0.5) * w / ow - 0.5, 0.0)
            x0 = min(int(math.floor(sx)), w - 1)
            x1 = min(x0 + 1, w - 1)
            dx = sx - x0
            top = px[y0, x0] + (px[y0, x1] - px[y0, x0]) * dx
            bot = px[y1, x0] + (px[y1, x1] - px[y1, x0]) * dx
            out[y, x] = top + (bot - top) * dy
    return out.astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Parquet (DuckDB)

HF_META = {"info": {"features": {"image": {"_type": "Image"},
                                 "label": {"names": LABEL_NAMES, "_type": "ClassLabel"}}}}


def parquet_files(blobs):
    con = duckdb.connect()
    con.execute("CREATE TABLE base(row_id INTEGER, image STRUCT(bytes BLOB, path VARCHAR), "
                "label BIGINT)")
    for i, data in enumerate(blobs):
        con.execute("INSERT INTO base VALUES (?, {'bytes': ?, 'path': ?}, ?)",
                    [i, data, "img-%02d.jpg" % i, i % 10])
    con.execute("CREATE TABLE nulls AS SELECT * FROM base")
    con.execute("UPDATE nulls SET image = NULL WHERE row_id = 5")
    con.execute("UPDATE nulls SET image = {'bytes': NULL, 'path': image.path} WHERE row_id = 6")
    con.execute("UPDATE nulls SET image = {'bytes': image.bytes, 'path': NULL} WHERE row_id = 7")
    con.execute("UPDATE nulls SET label = NULL WHERE row_id = 8")
    meta = json.dumps(HF_META, separators=(",", ":"))
    out = []
    # DuckDB writes the one-row-group file; DuckDB cannot cut 40 rows into row groups smaller than
    # its 2048-row vectors, so pyarrow writes the files with several row groups.
    rel = "parquet/hf-images.parquet"
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    con.execute("COPY (SELECT image, label FROM base ORDER BY row_id) TO '%s' (FORMAT parquet, "
                "COMPRESSION snappy, KV_METADATA {huggingface: '%s'})"
                % (path, meta.replace("'", "''")))
    out.append(parquet_entry(
        con, rel, path, "DuckDB defaults (SNAPPY, one row group): image STRUCT(bytes BLOB, path "
        "VARCHAR), label BIGINT; 40 rows in img-00..img-39 order",
        "DuckDB %s (Python), COPY ... TO (FORMAT parquet, COMPRESSION snappy, KV_METADATA "
        "{huggingface: ...})" % duckdb.__version__))
    schema = pa.schema([("image", pa.struct([("bytes", pa.binary()), ("path", pa.string())])),
                        ("label", pa.int64())], metadata={"huggingface": meta})
    for rel, table, desc in (
            ("parquet/hf-images.snappy.parquet", "base",
             "SNAPPY codec, 4 row groups of 10 rows"),
            ("parquet/hf-images.nulls.parquet", "nulls",
             "NULLs: row 5 image IS NULL (whole struct); row 6 image.bytes NULL but image.path "
             "set; row 7 image.path NULL but bytes set; row 8 label NULL; 4 row groups")):
        rows = con.execute("SELECT image, label FROM %s ORDER BY row_id" % table).fetchall()
        t = pa.Table.from_pylist([{"image": img, "label": label} for img, label in rows],
                                 schema=schema)
        path = os.path.join(OUT, rel)
        pq.write_table(t, path, row_group_size=10, compression="snappy", use_dictionary=False,
                       data_page_version="1.0")
        out.append(parquet_entry(
            con, rel, path, desc,
            "pyarrow %s pyarrow.parquet.write_table(row_group_size=10, compression='snappy', "
            "use_dictionary=False, data_page_version='1.0'), schema metadata {huggingface: ...}"
            % pa.__version__))
    return out


def parquet_entry(con, rel, path, desc, writer):
    data = read(rel)
    fm = con.execute("SELECT created_by, num_rows, num_row_groups, format_version "
                     "FROM parquet_file_metadata(?)", [path]).fetchone()
    groups = con.execute("SELECT row_group_id, any_value(row_group_num_rows) FROM "
                         "parquet_metadata(?) GROUP BY row_group_id ORDER BY row_group_id",
                         [path]).fetchall()
    schema = []
    for name, typ, rep, nchild, conv in con.execute(
            "SELECT name, type, repetition_type, num_children, converted_type FROM "
            "parquet_schema(?)", [path]).fetchall():
        if nchild and nchild > 0:
            schema.append("%s group %s children=%d" % (name, rep, nchild))
        else:
            schema.append(" ".join(x for x in (name, typ, rep, conv) if x))
    columns = {}
    for pth, typ, comp, enc, dict_off in con.execute(
            "SELECT path_in_schema, type, compression, encodings, dictionary_page_offset FROM "
            "parquet_metadata(?) ORDER BY row_group_id, column_id", [path]).fetchall():
        c = columns.setdefault(pth.replace(", ", "."), {
            "physical_type": typ, "compression": comp, "encodings": set(),
            "dictionary_page_in_row_groups": 0})
        c["encodings"].update(e.strip() for e in enc.split(","))
        if dict_off is not None:
            c["dictionary_page_in_row_groups"] += 1
    for c in columns.values():
        c["encodings"] = sorted(c["encodings"])
    kv = [(k.decode(), v.decode()) for k, v in con.execute(
        "SELECT key, value FROM parquet_kv_metadata(?)", [path]).fetchall()]
    hf = {k: json.loads(v) for k, v in kv if k == "huggingface"}
    rows = []
    back = con.execute("SELECT image.bytes, image.path, image IS NULL, label FROM "
                       "read_parquet(?)", [path]).fetchall()
    for i, (b, p, isnull, label) in enumerate(back):
        if isnull:
            img = None
        else:
            img = {"path": p, "bytes_len": len(b) if b is not None else None,
                   "bytes_sha256": sha256(b) if b is not None else None}
        rows.append({"row": i, "image": img, "label": label})
    return {
        "file": rel, "description": desc,
        "writer": writer,
        "created_by": fm[0], "file_size": len(data), "file_sha256": sha256(data),
        "row_count": fm[1], "row_group_count": fm[2],
        "rows_per_row_group": [g[1] for g in groups], "format_version": fm[3],
        "schema": schema, "columns": columns, "kv_metadata_keys": [k for k, _ in kv],
        "huggingface_metadata": hf.get("huggingface"),
        "verified_by": "DuckDB %s read_parquet: %d rows read back (listed below); metadata from "
                       "parquet_file_metadata/parquet_metadata/parquet_schema/parquet_kv_metadata"
                       % (duckdb.__version__, len(rows)),
        "rows": rows,
    }


# ---------------------------------------------------------------------------------------------
# Photo-like images: what matters for decode speed is the entropy of a camera picture


def photo_like(width, height, seed, grain, gray=False):
    """Smooth gradients + soft-edged shapes + fractal texture + sensor-like grain."""
    rng = np.random.default_rng(seed)
    ch = 1 if gray else 3

    def upsampled(gw, gh, amp):
        small = rng.normal(0.0, amp, size=(gh, gw, ch)).astype(np.float32)
        layers = [Image.fromarray(small[:, :, c], mode="F").resize((width, height),
                                                                   Image.BICUBIC)
                  for c in range(ch)]
        return np.stack([np.asarray(l) for l in layers], axis=2)

    img = np.empty((height, width, ch), np.float32)
    img[:] = rng.uniform(60, 190, size=ch).astype(np.float32)
    img += upsampled(4, 3, 40.0)                      # sky/ground-like gradients
    shapes = Image.new("RGB" if not gray else "L", (width, height), 0)
    mask = Image.new("L", (width, height), 0)
    d, dm = ImageDraw.Draw(shapes), ImageDraw.Draw(mask)
    for _ in range(40):                               # objects with soft edges
        x0, y0 = rng.uniform(-0.1, 1.0) * width, rng.uniform(-0.1, 1.0) * height
        x1 = x0 + rng.uniform(0.03, 0.35) * width
        y1 = y0 + rng.uniform(0.03, 0.35) * height
        fill = tuple(int(v) for v in rng.integers(20, 235, size=ch))
        box = [x0, y0, x1, y1]
        if rng.uniform() < 0.5:
            d.ellipse(box, fill=fill if not gray else fill[0])
            dm.ellipse(box, fill=255)
        else:
            d.rectangle(box, fill=fill if not gray else fill[0])
            dm.rectangle(box, fill=255)
    blur = ImageFilter.GaussianBlur(max(1.0, width / 800))
    shapes_a = np.asarray(shapes.filter(blur), np.float32).reshape(height, width, ch)
    mask_a = np.asarray(mask.filter(blur), np.float32)[:, :, None] / 255.0
    img = img * (1 - 0.7 * mask_a) + shapes_a * 0.7 * mask_a
    for cells, amp in ((width // 64, 12.0), (width // 16, 8.0), (width // 4, 6.0)):
        img += upsampled(max(2, cells), max(2, cells * height // width), amp)  # texture
    img += rng.normal(0.0, grain, size=img.shape).astype(np.float32)  # sensor grain
    img = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    return Image.fromarray(img[:, :, 0] if gray else img, mode="L" if gray else "RGB")


def jpeg_entry(rel, data, writer, role, extra=None):
    facts = jpeg_markers(data)
    tf_arr, tfd = tf_decode(data)
    tf_ia_arr, tf_ia = tf_decode(data, dct_method="INTEGER_ACCURATE")
    pil_arr, pil = pillow_decode(data)
    e = {
        "file": rel, "role": role, "writer": writer, "size": len(data), "sha256": sha256(data),
        "width": facts.get("width"), "height": facts.get("height"),
        "components": facts.get("components"), "sof": facts.get("sof"),
        "subsampling": subsampling_name(facts) if "components" in facts else None,
        "sampling_factors": facts.get("sampling_factors"),
        "adobe_transform": facts["adobe_transform"], "jfif": facts["jfif"],
        "restart_interval": facts["restart_interval"],
        "restart_markers_in_scan": facts["restart_markers_in_scan"],
        "exif_orientation": facts["exif_orientation"],
        "tf_decode_jpeg_default": tfd, "tf_decode_jpeg_integer_accurate": tf_ia,
        "pillow_decode": pil,
        "max_abs_diff_pillow_vs_tf_default": max_diff(pil_arr, tf_arr),
        "max_abs_diff_pillow_vs_tf_integer_accurate": max_diff(pil_arr, tf_ia_arr),
    }
    if facts.get("width"):
        e["bits_per_pixel"] = round(8.0 * len(data) / (facts["width"] * facts["height"]), 3)
    if extra:
        e.update(extra)
    return e


def pillow_writer(opts):
    return "Pillow %s (libjpeg-turbo %s) Image.save(JPEG, %s)" % (
        PIL.__version__, features.version("libjpeg_turbo"), opts)


def save_jpeg(img, **opts):
    buf = io.BytesIO()
    img.save(buf, "JPEG", **opts)
    return buf.getvalue()


def photos():
    specs = [
        ("photos/photo-420.jpg", 1440, 1080, 101, False, dict(quality=90, subsampling=2),
         "baseline 4:2:0 q90"),
        ("photos/photo-422.jpg", 1280, 960, 102, False, dict(quality=90, subsampling=1),
         "baseline 4:2:2 q90"),
        ("photos/photo-444.jpg", 1024, 768, 103, False, dict(quality=90, subsampling=0),
         "baseline 4:4:4 q90"),
        ("photos/photo-progressive.jpg", 1280, 1024, 104, False,
         dict(quality=90, subsampling=2, progressive=True), "progressive 4:2:0 q90"),
        ("photos/photo-gray.jpg", 1280, 960, 105, True, dict(quality=90), "grayscale q90"),
    ]
    out = []
    for rel, w, h, seed, gray, opts, role in specs:
        img = photo_like(w, h, seed, grain=GRAIN_PHOTO, gray=gray)
        data = save_jpeg(img, **opts)
        write(rel, data)
        out.append(jpeg_entry(rel, data, pillow_writer(opts), "photo-like, " + role, {
            "generator": "generate.py photo_like(width=%d, height=%d, seed=%d, grain=%.1f%s): "
                         "numpy default_rng; gradients + soft shapes + fractal texture + "
                         "Gaussian grain" % (w, h, seed, GRAIN_PHOTO, ", gray" if gray else "")}))
    return out


def imagenet_like():
    sizes = [(500, 375), (500, 333), (375, 500), (640, 480), (500, 375), (411, 308),
             (500, 400), (333, 500), (500, 375), (600, 450), (480, 360), (500, 375)]
    out = []
    for i, (w, h) in enumerate(sizes):
        gray = i == 7
        img = photo_like(w, h, 1000 + i, grain=GRAIN_CROP, gray=gray)
        opts = dict(quality=90) if gray else dict(quality=90, subsampling=2)
        data = save_jpeg(img, **opts)
        rel = "imagenet-like/il%02d_%dx%d.jpg" % (i, w, h)
        write(rel, data)
        out.append(jpeg_entry(rel, data, pillow_writer(opts),
                              "ImageNet-like crop (%s q90)" % ("grayscale" if gray else "4:2:0"),
                              {"generator": "generate.py photo_like(width=%d, height=%d, "
                                            "seed=%d, grain=%.1f%s)" % (w, h, 1000 + i, GRAIN_CROP,
                                                                     ", gray" if gray else "")}))
    return out


# ---------------------------------------------------------------------------------------------
# JPEG variants: colour spaces, restart markers, EXIF orientation, a truncated file


def turbojpeg_ycck(cmyk):
    """Encodes CMYK pixels with libjpeg-turbo's TurboJPEG API, which stores them as YCCK."""
    name = ctypes.util.find_library("turbojpeg") or "libturbojpeg.so.0"
    tj = ctypes.CDLL(name)
    tj.tjInitCompress.restype = ctypes.c_void_p
    tj.tjCompress2.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int,
                               ctypes.c_int, ctypes.c_int,
                               ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
                               ctypes.POINTER(ctypes.c_ulong), ctypes.c_int, ctypes.c_int,
                               ctypes.c_int]
    tj.tjFree.argtypes = [ctypes.c_void_p]
    tj.tjDestroy.argtypes = [ctypes.c_void_p]
    handle = tj.tjInitCompress()
    w, h = cmyk.size
    # TurboJPEG's CMYK is "normal" (0 = no ink); Pillow's CMYK is the same convention.
    pixels = np.asarray(cmyk).tobytes()
    buf = ctypes.POINTER(ctypes.c_ubyte)()
    size = ctypes.c_ulong(0)
    TJPF_CMYK, TJSAMP_420 = 11, 2
    if tj.tjCompress2(handle, pixels, w, 0, h, TJPF_CMYK, ctypes.byref(buf), ctypes.byref(size),
                      TJSAMP_420, 90, 0) != 0:
        raise RuntimeError("tjCompress2 failed")
    data = ctypes.string_at(buf, size.value)
    tj.tjFree(buf)
    tj.tjDestroy(handle)
    try:
        version = "Debian libturbojpeg0 " + subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "libturbojpeg0"], capture_output=True,
            text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        version = "version unknown"
    return data, "libjpeg-turbo TurboJPEG API tjCompress2(TJPF_CMYK, TJSAMP_420, quality 90) " \
                 "via ctypes (%s, %s)" % (os.path.basename(name), version)


def jpeg_variants():
    base = photo_like(320, 240, 201, grain=4.0)
    out = []
    cmyk = base.convert("CMYK")
    data = save_jpeg(cmyk, quality=90)
    write("jpeg/cmyk.jpg", data)
    out.append(jpeg_entry("jpeg/cmyk.jpg", data, pillow_writer("mode CMYK, quality=90"),
                          "CMYK, Adobe APP14 transform 0 (Adobe-inverted CMYK as Pillow writes "
                          "it)", {"source": "photo_like(320, 240, seed=201).convert('CMYK')"}))
    data, writer = turbojpeg_ycck(cmyk)
    write("jpeg/ycck.jpg", data)
    out.append(jpeg_entry("jpeg/ycck.jpg", data, writer,
                          "YCCK, Adobe APP14 transform 2",
                          {"source": "photo_like(320, 240, seed=201).convert('CMYK')"}))
    opts = dict(quality=90, subsampling=2, restart_marker_blocks=4)
    data = save_jpeg(base, **opts)
    write("jpeg/restart-blocks.jpg", data)
    out.append(jpeg_entry("jpeg/restart-blocks.jpg", data, pillow_writer(opts),
                          "baseline 4:2:0 with a restart marker every 4 MCUs",
                          {"source": "photo_like(320, 240, seed=201)"}))
    opts = dict(quality=90, subsampling=0, restart_marker_rows=1)
    data = save_jpeg(base, **opts)
    write("jpeg/restart-rows.jpg", data)
    out.append(jpeg_entry("jpeg/restart-rows.jpg", data, pillow_writer(opts),
                          "baseline 4:4:4 with a restart marker every MCU row",
                          {"source": "photo_like(320, 240, seed=201)"}))
    exif = Image.Exif()
    exif[0x0112] = 6
    opts = dict(quality=90, subsampling=2, exif=exif.tobytes())
    data = save_jpeg(base, **opts)
    write("jpeg/exif-orientation-6.jpg", data)
    out.append(jpeg_entry("jpeg/exif-orientation-6.jpg", data,
                          pillow_writer("quality=90, subsampling=2, exif=Orientation 6"),
                          "baseline 4:2:0 with EXIF Orientation = 6 (display rotated 90° "
                          "clockwise); the stored pixels are not rotated",
                          {"source": "photo_like(320, 240, seed=201)"}))
    opts = dict(quality=90, subsampling=2)
    whole = save_jpeg(base, **opts)
    data = whole[:len(whole) // 2]
    write("jpeg/truncated.jpg", data)
    out.append(jpeg_entry("jpeg/truncated.jpg", data, pillow_writer(opts) + ", then cut to its "
                          "first half (%d of %d bytes)" % (len(data), len(whole)),
                          "truncated: the scan stops half way, no EOI",
                          {"source": "photo_like(320, 240, seed=201)",
                           "untruncated_size": len(whole), "untruncated_sha256": sha256(whole)}))
    return out


# ---------------------------------------------------------------------------------------------
# Keras' image_dataset_from_directory over PNG class folders (the front door's reference)


def keras_front_door():
    """PNGs of odd sizes in class folders, and what Keras makes of them with shuffle=False and
    pad_to_aspect_ratio=True: the file order, the labels and the float32 pixels."""
    import keras  # the Keras 3 that tensorflow-cpu installs
    shutil.rmtree(os.path.join(OUT, "keras"), ignore_errors=True)
    rng = np.random.default_rng(7)
    sizes = [(41, 20), (13, 37), (30, 30), (50, 9), (64, 48), (33, 71), (80, 21)]
    for i, (w, h) in enumerate(sizes):
        yy, xx = np.mgrid[0:h, 0:w]
        img = np.stack([20 + 200 * xx / max(1, w - 1), 230 - 190 * yy / max(1, h - 1),
                        128 + 90 * np.sin(xx / 5 + yy / 7 + i)], -1)
        img = np.clip(img + rng.normal(0, 3, img.shape), 0, 255).astype(np.uint8)
        buf = io.BytesIO()
        Image.fromarray(img).save(buf, "PNG")
        write("keras/images/%s/img%02d.png" % ("b" if i % 2 else "a", i), buf.getvalue())
    size = (16, 24)
    ds = keras.utils.image_dataset_from_directory(
        os.path.join(OUT, "keras/images"), image_size=size, pad_to_aspect_ratio=True,
        shuffle=False, batch_size=len(sizes), label_mode="int", verbose=False)
    x, y = next(iter(ds))
    pixels = np.ascontiguousarray(x.numpy(), dtype="<f4").tobytes()
    write("keras/pad-16x24.f32", pixels)
    return {
        "about": "keras.utils.image_dataset_from_directory('keras/images', image_size=(16, 24), "
                 "pad_to_aspect_ratio=True, shuffle=False, label_mode='int') in Keras %s "
                 "(TensorFlow %s): it calls tf.image.resize_with_pad, bilinear. The PNGs are "
                 "smooth gradients plus numpy default_rng(7) noise." % (keras.__version__,
                                                                      tf.__version__),
        "keras": keras.__version__,
        "image_size_hw": list(size),
        "class_names": ds.class_names,
        "files": [os.path.relpath(f, os.path.join(OUT, "keras/images")) for f in ds.file_paths],
        "labels": [int(v) for v in y.numpy()],
        "pixels": {"file": "keras/pad-16x24.f32", "layout": "float32 little-endian, "
                   "[image][row][column][channel], images in 'files' order",
                   "shape": list(x.shape), "sha256": sha256(pixels)},
    }


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--any-version", action="store_true",
                    help="run with versions other than the pinned ones (output will differ)")
    args = ap.parse_args()
    have = {"tensorflow": tf.__version__, "pillow": PIL.__version__,
            "duckdb": duckdb.__version__, "pyarrow": pa.__version__, "numpy": np.__version__,
            "keras": importlib.metadata.version("keras")}
    wrong = {k: v for k, v in have.items() if v != PINNED[k]}
    if wrong and not args.any_version:
        sys.exit("generate.py: versions differ from requirements.txt: %s (pinned: %s); "
                 "install the pinned versions or pass --any-version" % (wrong, PINNED))
    for sub in ("images", "tfrecord", "parquet", "tfdata-reference", "photos", "imagenet-like",
                "jpeg"):
        shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    images, blobs = small_images()
    files = tfrecords(blobs)
    env = versions()
    manifest = {
        "manifest_version": 2,
        "about": "Test vectors written by implementations other than Stoker (TensorFlow, DuckDB, "
                 "Pillow, libjpeg-turbo) by testdata/generate.py. Assert against this file; "
                 "never regenerate it from Stoker's own code.",
        "environment": env,
        "conventions": {
            "tfrecord_framing": "each record = uint64 length (LE) | uint32 masked CRC32C of the "
                                "8 length bytes (LE) | payload | uint32 masked CRC32C of payload "
                                "(LE); masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8",
            "offset": "byte offset of the record header in the uncompressed TFRecord stream "
                      "(only listed for uncompressed files; compressed files hold the same "
                      "stream inside GZIP/ZLIB)",
            "sha256": "record sha256 = SHA-256 of the serialized payload bytes (the "
                      "tf.train.Example protobuf), hex",
            "features": "decoded with Python protobuf (tf.train.Example), keys sorted. kind: "
                        "bytes_list | float_list | int64_list | kind_not_set. bytes values: "
                        "{len, sha256, b64 (if len <= 256), utf8 (if valid UTF-8 and len <= "
                        "256)}. float values: the shortest decimal that parses back to the same "
                        "float32 (parse them as float32, e.g. Float.parseFloat, NOT as double) "
                        "or the strings \"NaN\", \"Infinity\", \"-Infinity\"; bits = raw "
                        "IEEE-754 float32 bits (exact, distinguishes -0.0). int64 values: JSON "
                        "integers written exactly (may exceed 2^53: parse as long / BigInteger, "
                        "not as double).",
            "tf_parse_single_example": "whether TensorFlow's own Example parser "
                                       "(tf.io.parse_single_example, every key requested as a "
                                       "VarLenFeature of the kind protobuf saw; kind_not_set "
                                       "probed as float) returns the same values: \"agrees\" "
                                       "or the difference/error",
            "parquet_rows": "rows in physical order; image null => whole struct NULL; "
                            "image.bytes_sha256 = SHA-256 of the binary value",
            "rgb_sha256": "SHA-256 of the decoded pixels, row-major, 3 bytes per pixel (R, G, "
                          "B), no padding",
            "layout": "tensorflow.environment, tensorflow.jpeg_images[], "
                      "tensorflow.tfrecord_files[] (valid and corrupted), tfdata_reference, "
                      "parquet.environment, parquet.source_images[], parquet.label_names[], "
                      "parquet.parquet_files[], jpeg.photos[], jpeg.imagenet_like[], "
                      "jpeg.variants[], keras_front_door",
        },
        "tensorflow": {"environment": env, "jpeg_images": images, "tfrecord_files": files},
    }
    manifest["tfdata_reference"] = tfdata_reference()
    manifest["parquet"] = {
        "environment": {"duckdb": duckdb.__version__, "pyarrow": pa.__version__},
        "source_images": [{"row": i, "path": "img-%02d.jpg" % i, "label": i % 10,
                           "bytes_len": len(b), "bytes_sha256": sha256(b)}
                          for i, b in enumerate(blobs)],
        "label_names": LABEL_NAMES,
        "parquet_files": parquet_files(blobs),
    }
    manifest["jpeg"] = {
        "about": "JPEGs for the decoders: photo-like multi-megapixel images (no camera picture "
                 "is in the repository), ImageNet-like crops, and the variants a decoder meets "
                 "in the wild. tf_decode_jpeg_default = tf.io.decode_jpeg(channels=3) in "
                 "TensorFlow %s; pillow_decode = Image.open().convert('RGB') in Pillow %s."
                 % (tf.__version__, PIL.__version__),
        "photos": photos(),
        "imagenet_like": imagenet_like(),
        "variants": jpeg_variants(),
    }
    manifest["keras_front_door"] = keras_front_door()
    write("manifest.json", (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
          .encode("utf-8"))
    total = 0
    for root, _, names in os.walk(OUT):
        for n in names:
            total += os.path.getsize(os.path.join(root, n))
    print("generate.py: wrote %s (%.2f MB in testdata/)" % (OUT, total / 1e6))


if __name__ == "__main__":
    main()
