-- wrk script: "same" asks for one URL again and again (served from the page
-- cache after the first request); "fresh" adds a query string never used
-- before to every request, so each one misses the page cache and renders.
-- Prints one JSON line with what wrk counted.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  path = args[1]
  mode = args[2]
  n = 0
end

function request()
  if mode == "fresh" then
    n = n + 1
    return wrk.format("GET", path .. "?bench=" .. id .. "-" .. n)
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "socket_errors": %d, "bad_status": %d, "p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
