-- An LLM-observability application end to end (issue 8): its migrations
-- (ReplacingMergeTree with version and is_deleted, Map and Decimal columns, an
-- AggregatingMergeTree fed by a materialized view, a view), JSONEachRow
-- inserts with later versions and tombstones, then dashboard queries whose
-- values are {name: Type} parameters (tests/http/app.sh sends the same
-- statements over HTTP with the parameters in the URL, as @clickhouse/client does).
CREATE TABLE traces (id String, project_id String, timestamp DateTime64(3, 'UTC'), name String, user_id Nullable(String), session_id Nullable(String), metadata Map(LowCardinality(String), String), tags Array(String), release Nullable(String), event_ts DateTime64(3), is_deleted UInt8) ENGINE = ReplacingMergeTree(event_ts, is_deleted) PARTITION BY toYYYYMM(timestamp) ORDER BY (project_id, toDate(timestamp), id);
CREATE TABLE observations (id String, trace_id String, project_id String, type LowCardinality(String), name String, start_time DateTime64(3, 'UTC'), end_time Nullable(DateTime64(3, 'UTC')), model Nullable(String), usage_details Map(LowCardinality(String), UInt64), cost_details Map(LowCardinality(String), Decimal(18, 12)), total_cost Nullable(Decimal(18, 12)), level LowCardinality(String) DEFAULT 'DEFAULT', event_ts DateTime64(3), is_deleted UInt8) ENGINE = ReplacingMergeTree(event_ts, is_deleted) PARTITION BY toYYYYMM(start_time) ORDER BY (project_id, type, toDate(start_time), id);
CREATE TABLE scores (id String, project_id String, trace_id String, name String, value Float64, source LowCardinality(String), comment Nullable(String), timestamp DateTime64(3, 'UTC'), event_ts DateTime64(3), is_deleted UInt8) ENGINE = ReplacingMergeTree(event_ts, is_deleted) ORDER BY (project_id, name, id);
ALTER TABLE traces ADD COLUMN bookmarked Bool DEFAULT false AFTER tags;
ALTER TABLE traces ADD COLUMN public Bool DEFAULT false;
ALTER TABLE observations ADD COLUMN prompt_name Nullable(String) AFTER model;
ALTER TABLE scores ADD COLUMN data_type LowCardinality(String) DEFAULT 'NUMERIC' AFTER value;
ALTER TABLE traces MODIFY COLUMN name String COMMENT 'what the trace did';
CREATE TABLE traces_archive AS traces;
CREATE TABLE IF NOT EXISTS daily_usage (project_id String, day Date, model String, generations AggregateFunction(count), tokens SimpleAggregateFunction(sumMap, Map(String, UInt64)), cost AggregateFunction(sum, Decimal(18, 12)), traces AggregateFunction(uniq, String)) ENGINE = AggregatingMergeTree ORDER BY (project_id, day, model);
CREATE TABLE IF NOT EXISTS daily_usage (project_id String) ENGINE = Memory;
CREATE MATERIALIZED VIEW daily_usage_mv TO daily_usage AS SELECT project_id, toDate(start_time) AS day, ifNull(model, '') AS model, countState() AS generations, sumMap(usage_details) AS tokens, sumState(ifNull(total_cost, 0)) AS cost, uniqState(trace_id) AS traces FROM observations WHERE type = 'GENERATION' GROUP BY project_id, day, model;
CREATE VIEW trace_costs AS SELECT project_id, trace_id, sum(ifNull(total_cost, 0)) AS cost, count() AS observations FROM observations FINAL GROUP BY project_id, trace_id;
CREATE TABLE staging_scores (id String, project_id String, trace_id String, name String, value Float64, source LowCardinality(String), timestamp DateTime64(3, 'UTC')) ENGINE = Null;
CREATE MATERIALIZED VIEW staging_scores_mv TO scores AS SELECT id, project_id, trace_id, name, value, source, timestamp, timestamp AS event_ts, 0 AS is_deleted FROM staging_scores;
INSERT INTO traces (id, project_id, timestamp, name, user_id, session_id, metadata, tags, release, event_ts, is_deleted) FORMAT JSONEachRow
{"id": "t1", "project_id": "p1", "timestamp": "2024-05-01 10:00:00.000", "name": "chat", "user_id": "u1", "session_id": "s1", "metadata": {"env": "prod"}, "tags": ["a", "b"], "release": "v1", "event_ts": "2024-05-01 10:00:00.000", "is_deleted": 0}
{"id": "t2", "project_id": "p1", "timestamp": "2024-05-01 11:30:00.000", "name": "search", "user_id": "u2", "session_id": null, "metadata": {}, "tags": [], "release": null, "event_ts": "2024-05-01 11:30:00.000", "is_deleted": 0}
{"id": "t3", "project_id": "p1", "timestamp": "2024-05-02 09:15:00.000", "name": "chat", "user_id": "u1", "session_id": "s2", "metadata": {"env": "dev"}, "tags": ["b"], "release": "v2", "event_ts": "2024-05-02 09:15:00.000", "is_deleted": 0}
{"id": "t4", "project_id": "p2", "timestamp": "2024-05-02 12:00:00.000", "name": "chat", "user_id": "u9", "session_id": null, "metadata": {}, "tags": ["x"], "release": "v1", "event_ts": "2024-05-02 12:00:00.000", "is_deleted": 0}
{"id": "t5", "project_id": "p1", "timestamp": "2024-05-03 08:00:00.000", "name": "agent", "user_id": null, "session_id": "s3", "metadata": {"env": "prod", "team": "x"}, "tags": ["a"], "release": "v2", "event_ts": "2024-05-03 08:00:00.000", "is_deleted": 0}
;
INSERT INTO observations (id, trace_id, project_id, type, name, start_time, end_time, model, usage_details, cost_details, total_cost, event_ts, is_deleted) FORMAT JSONEachRow
{"id": "o1", "trace_id": "t1", "project_id": "p1", "type": "GENERATION", "name": "llm", "start_time": "2024-05-01 10:00:01.000", "end_time": "2024-05-01 10:00:03.500", "model": "gpt-4o", "usage_details": {"input": 100, "output": 50}, "cost_details": {"input": 0.001, "output": 0.0015}, "total_cost": 0.0025, "event_ts": "2024-05-01 10:00:04.000", "is_deleted": 0}
{"id": "o2", "trace_id": "t1", "project_id": "p1", "type": "SPAN", "name": "retrieve", "start_time": "2024-05-01 10:00:00.500", "end_time": "2024-05-01 10:00:01.000", "model": null, "usage_details": {}, "cost_details": {}, "total_cost": null, "event_ts": "2024-05-01 10:00:04.000", "is_deleted": 0}
{"id": "o3", "trace_id": "t2", "project_id": "p1", "type": "GENERATION", "name": "llm", "start_time": "2024-05-01 11:30:01.000", "end_time": "2024-05-01 11:30:02.000", "model": "gpt-4o-mini", "usage_details": {"input": 20, "output": 10}, "cost_details": {"input": 0.00002, "output": 0.00004}, "total_cost": 0.00006, "event_ts": "2024-05-01 11:30:03.000", "is_deleted": 0}
{"id": "o4", "trace_id": "t3", "project_id": "p1", "type": "GENERATION", "name": "llm", "start_time": "2024-05-02 09:15:01.000", "end_time": null, "model": "gpt-4o", "usage_details": {"input": 300, "output": 120}, "cost_details": {"input": 0.003, "output": 0.0036}, "total_cost": 0.0066, "event_ts": "2024-05-02 09:15:05.000", "is_deleted": 0}
{"id": "o5", "trace_id": "t4", "project_id": "p2", "type": "GENERATION", "name": "llm", "start_time": "2024-05-02 12:00:01.000", "end_time": "2024-05-02 12:00:09.000", "model": "claude", "usage_details": {"input": 1000, "output": 400}, "cost_details": {"input": 0.003, "output": 0.006}, "total_cost": 0.009, "event_ts": "2024-05-02 12:00:10.000", "is_deleted": 0}
{"id": "o6", "trace_id": "t5", "project_id": "p1", "type": "EVENT", "name": "tool", "start_time": "2024-05-03 08:00:02.000", "end_time": null, "model": null, "usage_details": {}, "cost_details": {}, "total_cost": null, "event_ts": "2024-05-03 08:00:02.000", "is_deleted": 0}
;
INSERT INTO observations (id, trace_id, project_id, type, name, start_time, end_time, model, usage_details, cost_details, total_cost, level, event_ts, is_deleted) FORMAT JSONEachRow
{"id": "o4", "trace_id": "t3", "project_id": "p1", "type": "GENERATION", "name": "llm", "start_time": "2024-05-02 09:15:01.000", "end_time": "2024-05-02 09:15:04.000", "model": "gpt-4o", "usage_details": {"input": 300, "output": 150}, "cost_details": {"input": 0.003, "output": 0.0045}, "total_cost": 0.0075, "level": "WARNING", "event_ts": "2024-05-02 09:15:09.000", "is_deleted": 0}
{"id": "o3", "trace_id": "t2", "project_id": "p1", "type": "GENERATION", "name": "llm", "start_time": "2024-05-01 11:30:01.000", "end_time": "2024-05-01 11:30:02.000", "model": "gpt-4o-mini", "usage_details": {}, "cost_details": {}, "total_cost": null, "level": "DEFAULT", "event_ts": "2024-05-01 11:31:00.000", "is_deleted": 1}
;
INSERT INTO traces (id, project_id, timestamp, name, user_id, session_id, metadata, tags, bookmarked, release, event_ts, is_deleted) FORMAT JSONEachRow
{"id": "t2", "project_id": "p1", "timestamp": "2024-05-01 11:30:00.000", "name": "search", "user_id": "u2", "session_id": null, "metadata": {}, "tags": [], "bookmarked": false, "release": null, "event_ts": "2024-05-01 11:31:00.000", "is_deleted": 1}
{"id": "t1", "project_id": "p1", "timestamp": "2024-05-01 10:00:00.000", "name": "chat v2", "user_id": "u1", "session_id": "s1", "metadata": {"env": "prod", "feedback": "good"}, "tags": ["a", "b"], "bookmarked": true, "release": "v1", "event_ts": "2024-05-01 10:05:00.000", "is_deleted": 0}
;
INSERT INTO staging_scores FORMAT JSONEachRow
{"id": "sc1", "project_id": "p1", "trace_id": "t1", "name": "quality", "value": 0.9, "source": "API", "timestamp": "2024-05-01 10:10:00.000"}
{"id": "sc2", "project_id": "p1", "trace_id": "t3", "name": "quality", "value": 0.4, "source": "EVAL", "timestamp": "2024-05-02 09:20:00.000"}
{"id": "sc3", "project_id": "p1", "trace_id": "t5", "name": "latency_ok", "value": 1, "source": "EVAL", "timestamp": "2024-05-03 08:01:00.000"}
;
SET param_project = 'p1';
SET param_from = '2024-05-01 00:00:00.000';
SET param_to = '2024-05-03 00:00:00.000';
SET param_names = ['chat', 'chat v2', 'agent'];
SET param_env = 'prod';
SET param_min_cost = 0.001;
SET param_limit = 2;
SET param_trace = 't1';
SET param_models = ['gpt-4o', 'claude'];
SET param_tag = 'a';
-- 1. traces in the window, latest version, tombstones dropped
SELECT id, name, bookmarked, public FROM traces FINAL WHERE project_id = {project: String} AND timestamp >= {from: DateTime64(3)} AND timestamp < {to: DateTime64(3)} ORDER BY timestamp DESC, id;
-- 2. one page
SELECT id, name FROM traces FINAL WHERE project_id = {project: String} ORDER BY timestamp DESC LIMIT {limit: UInt32} OFFSET 1;
-- 3. filter by name list
SELECT count() FROM traces FINAL WHERE project_id = {project: String} AND name IN {names: Array(String)};
-- 4. metadata filter
SELECT id FROM traces FINAL WHERE project_id = {project: String} AND metadata['env'] = {env: String} ORDER BY id;
-- 5. tag filter
SELECT id, tags FROM traces FINAL WHERE has(tags, {tag: String}) ORDER BY id;
-- 6. observation latency per trace
SELECT trace_id, max(dateDiff('millisecond', start_time, end_time)) AS latency_ms FROM observations FINAL WHERE project_id = {project: String} AND end_time IS NOT NULL GROUP BY trace_id ORDER BY trace_id;
-- 7. cost per model
SELECT model, sum(total_cost) AS cost, sumMap(usage_details) AS usage FROM observations FINAL WHERE project_id = {project: String} AND type = 'GENERATION' GROUP BY model ORDER BY model;
-- 8. the aggregated table fed at insert time (every version counted, as the materialized view saw them)
SELECT day, model, countMerge(generations) AS n, sumMerge(cost) AS cost, uniqMerge(traces) AS traces FROM daily_usage WHERE project_id = {project: String} GROUP BY day, model ORDER BY day, model;
-- 9. the same after the background merge
OPTIMIZE TABLE daily_usage FINAL;
SELECT day, model, finalizeAggregation(generations) AS n, tokens FROM daily_usage WHERE project_id = {project: String} ORDER BY day, model;
-- 10. expensive generations
SELECT id, total_cost FROM observations FINAL WHERE total_cost >= {min_cost: Decimal(18, 12)} ORDER BY total_cost DESC, id;
-- 11. the view
SELECT trace_id, cost, observations FROM trace_costs WHERE project_id = {project: String} ORDER BY cost DESC, trace_id;
-- 12. one trace with its observations
SELECT t.id, t.name, o.id, o.type FROM traces AS t FINAL INNER JOIN observations AS o FINAL ON o.trace_id = t.id WHERE t.id = {trace: String} ORDER BY o.start_time;
-- 13. scores per trace
SELECT trace_id, groupArray((name, value)) AS s FROM (SELECT * FROM scores FINAL ORDER BY name) WHERE project_id = {project: String} GROUP BY trace_id ORDER BY trace_id;
-- 14. daily series with missing days filled
SELECT toDate(timestamp) AS day, count() AS n FROM traces FINAL WHERE project_id = {project: String} GROUP BY day ORDER BY day WITH FILL FROM toDate({from: DateTime64(3)}) TO toDate('2024-05-05');
-- 15. model share per day with window functions
SELECT toDate(start_time) AS day, model, sum(total_cost) AS cost, round(cost / sum(cost) OVER (PARTITION BY day), 4) AS share FROM observations FINAL WHERE type = 'GENERATION' AND model IN {models: Array(String)} GROUP BY day, model ORDER BY day, model;
-- 16. latest trace per user
SELECT user_id, id FROM traces FINAL WHERE project_id = {project: String} AND user_id IS NOT NULL ORDER BY timestamp DESC LIMIT 1 BY user_id;
-- 17. sessions
SELECT session_id, count() AS traces, min(timestamp) AS first FROM traces FINAL WHERE session_id IS NOT NULL GROUP BY session_id ORDER BY session_id;
-- 18. totals with ROLLUP
SELECT project_id, type, count() AS n FROM observations FINAL GROUP BY ROLLUP(project_id, type) ORDER BY project_id, type, n;
-- 19. score rank per name
SELECT name, value, data_type, rank() OVER (PARTITION BY name ORDER BY value DESC) AS r FROM scores FINAL ORDER BY name, r;
-- 20. usage keys with their totals
SELECT key, sum(val) AS total FROM observations FINAL ARRAY JOIN mapKeys(usage_details) AS key, mapValues(usage_details) AS val WHERE project_id = {project: String} GROUP BY key ORDER BY key;
-- 21. delete a trace by tombstone, then count again
INSERT INTO traces (id, project_id, timestamp, name, event_ts, is_deleted) FORMAT JSONEachRow
{"id": "t5", "project_id": "p1", "timestamp": "2024-05-03 08:00:00.000", "name": "agent", "event_ts": "2024-05-04 00:00:00.000", "is_deleted": 1}
;
SELECT count(), groupArray(id) FROM (SELECT id FROM traces FINAL WHERE project_id = {project: String} ORDER BY id);
SELECT count() FROM traces;
