/**
 * Lua scripts of the Redis store. Each runs atomically in Redis, so the capacity checks, the
 * ownership hand-over on resume and the "announce once" of expiry hold across server nodes.
 *
 * A member hash field holds a record `{p: Participant, node, conn}`: the participant as clients
 * see it, the node that holds its connection and that connection's socket id.
 * Other keys are named from ARGV[1] (the prefix) inside the scripts: single Redis (or Sentinel),
 * not Redis Cluster.
 */

/** KEYS: rooms(zset), members(hash), nodeMembers(set). ARGV: prefix, room, id, record, max, maxRooms, now, roomTtlMs, tag. */
export const ADD = `
local now = tonumber(ARGV[7])
if redis.call('EXISTS', KEYS[2]) == 0 and tonumber(ARGV[6]) > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[8]))
  if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[6]) then return 'too-many-rooms' end
end
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 and redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[5]) then return 'full' end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[8])
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('SADD', KEYS[3], ARGV[9])
return 'added'
`;

/**
 * Removes a member, optionally only when connection ARGV[5] holds it, or only when it is past
 * its resume deadline (ARGV[6] = now, '' for no such check). Deletes the room when it empties.
 * KEYS: members, chat, rooms, gone. ARGV: prefix, room, id, tag, conn|'', now|''. Returns the record or false.
 */
export const REMOVE = `
local rec = redis.call('HGET', KEYS[1], ARGV[3])
if not rec then return false end
local holder = cjson.decode(rec)
if ARGV[5] ~= '' and holder.conn ~= ARGV[5] then return false end
if ARGV[6] ~= '' then
  local deadline = redis.call('ZSCORE', KEYS[4], ARGV[4])
  if not deadline or tonumber(deadline) > tonumber(ARGV[6]) then return false end
end
redis.call('HDEL', KEYS[1], ARGV[3])
redis.call('ZREM', KEYS[4], ARGV[4])
redis.call('SREM', ARGV[1] .. 'node:' .. holder.node .. ':members', ARGV[4])
if redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2])
  redis.call('ZREM', KEYS[3], ARGV[2])
end
return rec
`;

/** KEYS: members. ARGV: id, patch (JSON of booleans). Returns the media JSON or false. */
export const MEDIA = `
local rec = redis.call('HGET', KEYS[1], ARGV[1])
if not rec then return false end
local holder = cjson.decode(rec)
for k, v in pairs(cjson.decode(ARGV[2])) do holder.p.media[k] = v end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(holder))
return cjson.encode(holder.p.media)
`;

/** KEYS: members. ARGV: id, role. 1 when the participant exists. */
export const ROLE = `
local rec = redis.call('HGET', KEYS[1], ARGV[1])
if not rec then return 0 end
local holder = cjson.decode(rec)
holder.p.role = ARGV[2]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(holder))
return 1
`;

/** KEYS: members, gone. ARGV: id, conn, deadline, tag. 1 when marked. */
export const MARK = `
local rec = redis.call('HGET', KEYS[1], ARGV[1])
if not rec then return 0 end
if cjson.decode(rec).conn ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
return 1
`;

/** KEYS: members, gone, nodeMembers (new). ARGV: prefix, id, conn, node, tag. Returns the new record or false. */
export const RESUME = `
local rec = redis.call('HGET', KEYS[1], ARGV[2])
if not rec then return false end
local holder = cjson.decode(rec)
redis.call('SREM', ARGV[1] .. 'node:' .. holder.node .. ':members', ARGV[5])
holder.node = ARGV[4]
holder.conn = ARGV[3]
local out = cjson.encode(holder)
redis.call('HSET', KEYS[1], ARGV[2], out)
redis.call('ZREM', KEYS[2], ARGV[5])
redis.call('SADD', KEYS[3], ARGV[5])
return out
`;

/**
 * A node whose liveness key expired: the one survivor that removes it from the node set gives
 * its members a resume deadline, so they leave unless their clients resume elsewhere.
 * KEYS: nodes, nodeAlive, nodeMembers, gone. ARGV: node, deadline. Returns how many.
 */
export const REAP = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return 0 end
local members = redis.call('SMEMBERS', KEYS[3])
for _, m in ipairs(members) do redis.call('ZADD', KEYS[4], 'NX', ARGV[2], m) end
redis.call('DEL', KEYS[3])
return #members
`;

/** KEYS: members, chat. ARGV: message JSON, history limit, ttlMs. 1 when appended. */
export const CHAT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`;
