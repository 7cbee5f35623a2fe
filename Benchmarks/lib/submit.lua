-- wrk: POST /v1/assessments, one fixture-derived document per request with a unique reference.
-- Environment: BENCH_KEY (admin key), BENCH_TEMPLATES (from templates.py), BENCH_RUN (a tag
-- unique to this run, so references never repeat across runs on one database).
dofile(os.getenv("BENCH_LIB") .. "/report.lua")
expected = 201

local function load_templates()
    local templates = {}
    for line in io.lines(os.getenv("BENCH_TEMPLATES")) do
        local at = string.find(line, "@REF@", 1, true)
        if at then table.insert(templates, { string.sub(line, 1, at - 1), string.sub(line, at + 5) }) end
    end
    return templates
end

function init(args)
    ok, bad, counter = 0, 0, 0
    templates = load_templates()
    prefix = "BENCH-" .. os.getenv("BENCH_RUN") .. "-" .. thread_index .. "-"
    headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"), ["Content-Type"] = "application/json" }
end

function request()
    counter = counter + 1
    local template = templates[counter % #templates + 1]
    return wrk.format("POST", "/v1/assessments", headers, template[1] .. prefix .. counter .. template[2])
end

function response(status, headers, body) count_response(status, body) end
