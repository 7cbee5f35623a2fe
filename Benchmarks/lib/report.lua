-- Shared by the wrk scripts: counts answers per thread (expected status or not) and prints one
-- "RESULT k=v ..." line with the rate and latency percentiles. Each script sets `expected`.
local threads = {}

function setup(thread)
    thread:set("thread_index", #threads + 1)
    table.insert(threads, thread)
end

function count_response(status, body)
    if status == expected then
        ok = ok + 1
    else
        bad = bad + 1
        if bad <= 3 then
            io.stderr:write("unexpected " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n")
        end
    end
end

function done(summary, latency, requests)
    local good, wrong = 0, 0
    for _, thread in ipairs(threads) do
        good = good + (thread:get("ok") or 0)
        wrong = wrong + (thread:get("bad") or 0)
    end
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.status + summary.errors.timeout
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rps=%.1f okps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f ok=%d bad=%d errors=%d\n",
        summary.requests, seconds, summary.requests / seconds, good / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, good, wrong, errors))
end
