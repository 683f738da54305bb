-- wrk script: her session cookie (env COOKIE), a phone's Accept-Encoding, and the latency
-- percentiles as one machine-readable line at the end.
wrk.headers["Cookie"] = os.getenv("COOKIE") or ""
wrk.headers["Accept-Encoding"] = "gzip, deflate, br, zstd"

function done(summary, latency, requests)
  local s = summary
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d non2xx=%d errors=%d bytes=%d\n",
    s.requests, s.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    s.errors.status, s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout,
    s.bytes))
end
