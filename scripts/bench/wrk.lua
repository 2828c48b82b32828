-- wrk script: "same" asks for one URL again and again (served from the page
-- cache after the first request); "fresh" adds a query string never used
-- before to every request, so each one misses the page cache and renders.
-- The third argument is a value of this run (pages.py passes a random one):
-- query strings numbered from 1 alone would repeat those of an earlier run.
-- With a fourth argument "check", every response's X-Page-Cache header is
-- counted (hit, miss, none), so that the bench can prove what it measured.
-- Prints one JSON line with what wrk counted.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  path = args[1]
  mode = args[2]
  run = args[3] or "0"
  hits, misses, unmarked = 0, 0, 0
  n = 0
  if args[4] == "check" then
    -- Defined only when asked: wrk parses headers only for a script that has
    -- response(), and the trivial view's baseline should not pay for it.
    response = function(status, headers, body)
      local state = headers["X-Page-Cache"]
      if state == "hit" then
        hits = hits + 1
      elseif state == "miss" then
        misses = misses + 1
      else
        unmarked = unmarked + 1
      end
    end
  end
end

function request()
  if mode == "fresh" then
    n = n + 1
    return wrk.format("GET", path .. "?bench=" .. run .. "-" .. id .. "-" .. n)
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  local counted = {hits = 0, misses = 0, unmarked = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(counted) do
      counted[name] = counted[name] + (thread:get(name) or 0)
    end
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "socket_errors": %d, "bad_status": %d, '
    .. '"p50_ms": %.2f, "p99_ms": %.2f, "hits": %d, "misses": %d, "unmarked": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    counted.hits, counted.misses, counted.unmarked))
end
