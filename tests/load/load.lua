-- wrk script for the load test: requests go round the given paths; a
-- summary line of JSON at the end.
function init(args)
  paths = args
  n = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "socket_errors": %d, "bad_status": %d, "p99_ms": %.1f}\n',
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(99) / 1000))
end
