-- wrk: POST /v1/assessments/batch, a JSON array of BENCH_BATCH fixture-derived documents with
-- unique references per request. Environment as submit.lua, plus BENCH_BATCH (default 1000).
dofile(os.getenv("BENCH_LIB") .. "/report.lua")
expected = 201

function init(args)
    ok, bad, counter = 0, 0, 0
    size = tonumber(os.getenv("BENCH_BATCH") or "1000")
    templates = {}
    for line in io.lines(os.getenv("BENCH_TEMPLATES")) do
        local at = string.find(line, "@REF@", 1, true)
        if at then table.insert(templates, { string.sub(line, 1, at - 1), string.sub(line, at + 5) }) end
    end
    prefix = "BATCH-" .. os.getenv("BENCH_RUN") .. "-" .. thread_index .. "-"
    headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"), ["Content-Type"] = "application/json" }
end

function request()
    local parts = {}
    for i = 1, size do
        counter = counter + 1
        local template = templates[counter % #templates + 1]
        parts[i] = template[1] .. prefix .. counter .. template[2]
    end
    return wrk.format("POST", "/v1/assessments/batch", headers, "[" .. table.concat(parts, ",") .. "]")
end

function response(status, headers, body) count_response(status, body) end
