-- wrk script for POST /check_in_or_out: multipart bodies of real probe photos, rotated per request, with the
-- device key from the environment. Reports p50/p95/p99 latency and every non-200 status.
local boundary = "----attendance-load-boundary"
local bodies = {}

local function body_of(path)
  local f = assert(io.open(path, "rb"), "cannot read " .. path)
  local data = f:read("*all")
  f:close()
  return "--" .. boundary .. "\r\n" ..
    'Content-Disposition: form-data; name="image"; filename="still.jpg"\r\n' ..
    "Content-Type: application/octet-stream\r\n\r\n" .. data .. "\r\n--" .. boundary .. "--\r\n"
end

function init(args)
  for path in string.gmatch(os.getenv("LOAD_IMAGES"), "[^:]+") do
    table.insert(bodies, body_of(path))
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  wrk.headers["X-Api-Key"] = os.getenv("LOAD_KEY")
end

local n = 0
function request()
  n = n + 1
  return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s: %.1f per second\n", summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency_ms p50 %.1f p95 %.1f p99 %.1f max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket errors: connect %d read %d write %d timeout %d; non-2xx %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
