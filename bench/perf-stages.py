#!/usr/bin/env python3
"""Splits `perf script` output of the app's process into the stages of a check-in, by the frames of each sample.

usage: perf script -i perf.data | python3 bench/perf-stages.py [MS_PER_REQUEST]

Each sample is put in the first stage (from the innermost frame outwards) that one of its frames names; samples in
the garbage collector and the JIT are their own stages. With MS_PER_REQUEST (the server's CPU a request, measured
around the same run), every share is also given in milliseconds a request.
"""
import re
import sys

# From the most specific to the least: the first stage whose pattern a frame matches, walking from the leaf outwards.
STAGES = [
    ("garbage collector", r"gc_heap|GCHeap|WKS::|SVR::|GarbageCollect|gc\.cpp|BackgroundGC"),
    ("JIT and tiering", r"libclrjit|Compiler::|TieredCompilation|CallCountingStub|PreStub"),
    ("detector (ONNX)", r"Recognition\.FaceApi\.FaceApiModels::Detect\(class|BlazeFaceDetector::Detect"),
    ("landmarks (ONNX)", r"FaceApiModels::Detect\(.*IReadOnlyList|TrackLandmarks"),
    ("descriptor (ONNX)", r"FaceApiModels::Embed|FaceEngine::Describe"),
    ("decode (Skia)", r"ImageDecoder::|libSkiaSharp|SkJpeg|jpeg_|decode_mcu|jsimd"),
    ("quality checks", r"ImageQuality::"),
    ("thumbnail", r"FaceThumbnail::"),
    ("alignment, crops", r"DlibAligner|RgbImage::|TfPreprocessing"),
    ("database", r"EntityFrameworkCore|Microsoft\.Data\.Sqlite|SQLitePCL|libe_sqlite3|sqlite3|Npgsql"),
    ("idempotency", r"CheckIn\.Idempotency"),
    ("audit", r"Application\.Audit\."),
    ("logging", r"Microsoft\.Extensions\.Logging|SimpleConsoleFormatter|ConsoleLogger"),
    ("form reading", r"WebUtilities|Multipart|FormFeature|FormFile|FileBufferingReadStream|BufferedReadStream"),
    ("API key, auth, rate limit", r"ApiKeyAuthentication|Authentication\.|Authorization\.|RateLimiting|DeviceKeys"),
    ("check-in rules", r"AttendanceBlazor\.Application\."),
    ("ONNX Runtime (other)", r"libonnxruntime|OnnxRuntime"),
    ("Kestrel, HTTP, routing", r"Microsoft\.AspNetCore\.|System\.Net\.|Kestrel"),
    ("kernel", r"\[kernel|entry_SYSCALL|do_syscall|__x64_sys|_raw_spin|page_fault|clear_page"),
]
COMPILED = [(name, re.compile(p)) for name, p in STAGES]

counts = {}
total = 0
frames = []


def flush():
    global total
    if not frames:
        return
    total += 1
    stage = "other (runtime, threads, memcpy)"
    for frame in frames:
        hit = next((name for name, pattern in COMPILED if pattern.search(frame)), None)
        if hit:
            stage = hit
            break
    counts[stage] = counts.get(stage, 0) + 1


for line in sys.stdin:
    if not line.strip():
        flush()
        frames = []
    elif line.startswith((" ", "\t")):
        frames.append(line.strip())
flush()

per_request = float(sys.argv[1]) if len(sys.argv) > 1 else None
print(f"{total} samples")
for stage, n in sorted(counts.items(), key=lambda kv: -kv[1]):
    share = n / total if total else 0
    extra = f"  {share * per_request:6.1f} ms a request" if per_request else ""
    print(f"  {stage:<34} {share * 100:5.1f} %{extra}")
