-- wrk: GET of the URL given to wrk, with BENCH_KEY as bearer key (if set) and BENCH_ETAG as
-- If-None-Match (if set; then 304 is the expected answer, else 200).
dofile(os.getenv("BENCH_LIB") .. "/report.lua")
local etag = os.getenv("BENCH_ETAG")
expected = (etag and etag ~= "") and 304 or 200

function init(args)
    ok, bad = 0, 0
    local key = os.getenv("BENCH_KEY")
    if key and key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
    if etag and etag ~= "" then wrk.headers["If-None-Match"] = etag end
end

function response(status, headers, body) count_response(status, body) end
