/**
 * The Lua scripts that read, check and write carts atomically (Redis runs a script
 * with nothing interleaved). Every script gets ARGV = [key prefix, guest TTL s,
 * customer TTL s, JSON input] and answers JSON. Times come from Redis' clock, so
 * replicas of the service never disagree about a lock's expiry.
 *
 * Keys: `<prefix>cart:<id>` (the cart, JSON), `<prefix>customer-cart:<userId>` (the
 * id of a customer's cart), `<prefix>order-cleared:<orderId>` (an order's cart was
 * cleared). Scripts derive keys from the prefix, so on Redis Cluster every cart key
 * would have to share one hash slot (a `{…}` tag in the prefix).
 *
 * Redis' cjson encodes an empty table as `{}`: a cart without lines is stored with
 * `"lines":{}`, and the TypeScript side normalises it on read.
 */

const PRELUDE = `
local P = ARGV[1]
local GUEST_TTL = tonumber(ARGV[2])
local CUSTOMER_TTL = tonumber(ARGV[3])
local input = cjson.decode(ARGV[4])
local clock = redis.call('TIME')
local NOW = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

local function cart_key(id) return P .. 'cart:' .. id end
local function index_key(owner) return P .. 'customer-cart:' .. owner end
local function str(value) if type(value) == 'string' then return value end return nil end

local function load(id)
  local raw = redis.call('GET', cart_key(id))
  if not raw then return nil end
  local cart = cjson.decode(raw)
  if type(cart.lines) ~= 'table' then cart.lines = {} end
  return cart
end

local function is_locked(cart)
  return type(cart.lock) == 'table' and cart.lock.expiresAt > NOW
end

-- Every write refreshes the cart's expiry, and its owner's index with it.
local function save(cart, touched)
  if touched then cart.updatedAt = NOW end
  if #cart.lines == 0 then cart.currencyCode = nil end
  if type(cart.lock) == 'table' and not is_locked(cart) then cart.lock = nil end
  local owner = str(cart.ownerId)
  local ttl = owner and CUSTOMER_TTL or GUEST_TTL
  redis.call('SET', cart_key(cart.id), cjson.encode(cart), 'EX', ttl)
  if owner then redis.call('SET', index_key(owner), cart.id, 'EX', ttl) end
end

local function new_cart(id, owner)
  return { id = id, ownerId = owner, lines = {}, createdAt = NOW, updatedAt = NOW }
end

local function line_at(cart, field, value)
  for i, line in ipairs(cart.lines) do
    if line[field] == value then return i end
  end
  return nil
end

local function add_line(cart, variant_id, quantity)
  table.insert(cart.lines, { id = cart.id .. '.' .. variant_id, variantId = variant_id, quantity = quantity })
end

-- The cart a write addresses and whether it is stored yet; nil when the caller may not address it.
local function resolve(target)
  if target.kind == 'existing' then
    local cart = load(target.cartId)
    if not cart then return nil, false end
    local owner = str(cart.ownerId)
    if owner and owner ~= str(target.viewerId) then return nil, false end
    return cart, true
  elseif target.kind == 'customer' then
    local id = redis.call('GET', index_key(target.customerId))
    local cart = id and load(id)
    if cart then return cart, true end
    return new_cart(target.newCartId, target.customerId), false
  end
  if redis.call('EXISTS', cart_key(target.cartId)) == 1 then error('cart id collision') end
  return new_cart(target.cartId, nil), false
end

local function reply(cart, exists, problems)
  if not exists then cart = nil end
  return cjson.encode({ cart = cart, problems = problems })
end

-- The addressed cart, or the problem that stops every write to it.
local function open(target)
  local cart, exists = resolve(target)
  if not cart then return nil, false, { { code = 'CART_NOT_FOUND' } } end
  if exists and is_locked(cart) then return cart, exists, { { code = 'CART_LOCKED' } } end
  return cart, exists, {}
end

local function over_limit(limit, line_problem)
  if limit.max < input.maxQuantity then line_problem.code = 'INSUFFICIENT_STOCK' else line_problem.code = 'INVALID_QUANTITY' end
  line_problem.available = limit.available
  return line_problem
end
`;

/** Adds lines (summing per variant), all or nothing: stock, 99 a line, 100 lines, one currency. */
const ADD_LINES = `
local cart, exists, problems = open(input.target)
if #problems > 0 or input.refused then return reply(cart, exists, problems) end
local currency = str(cart.currencyCode)
if #input.lines > 0 and #cart.lines > 0 and currency and currency ~= input.currencyCode then
  table.insert(problems, { code = 'CURRENCY_MISMATCH', currencyCode = currency })
end
local count = #cart.lines
for _, line in ipairs(input.lines) do
  local limit = input.limits[line.variantId]
  local at = line_at(cart, 'variantId', line.variantId)
  local in_cart = at and cart.lines[at].quantity or 0
  if in_cart + line.quantity > limit.max then
    table.insert(problems, over_limit(limit, { index = line.index, inCart = in_cart }))
  elseif not at then
    count = count + 1
  end
end
if count > input.maxLines then table.insert(problems, { code = 'CART_FULL' }) end
if #problems > 0 then return reply(cart, exists, problems) end
for _, line in ipairs(input.lines) do
  local at = line_at(cart, 'variantId', line.variantId)
  if at then
    cart.lines[at].quantity = cart.lines[at].quantity + line.quantity
  else
    add_line(cart, line.variantId, line.quantity)
  end
end
if #input.lines > 0 then cart.currencyCode = input.currencyCode end
save(cart, #input.lines > 0 or not exists)
return reply(cart, true, {})
`;

/** Sets line quantities (0 removes), all or nothing. */
const UPDATE_LINES = `
local cart, exists, problems = open(input.target)
if #problems > 0 or input.refused then return reply(cart, exists, problems) end
for _, update in ipairs(input.updates) do
  local at = line_at(cart, 'id', update.lineId)
  if not at then
    table.insert(problems, { code = 'LINE_NOT_FOUND', index = update.index })
  elseif update.quantity > 0 then
    local limit = input.limits[cart.lines[at].variantId]
    if not limit then
      table.insert(problems, { code = 'VARIANT_NOT_FOUND', index = update.index })
    elseif update.quantity > limit.max then
      table.insert(problems, over_limit(limit, { index = update.index }))
    end
  end
end
if #problems > 0 then return reply(cart, exists, problems) end
for _, update in ipairs(input.updates) do
  local at = line_at(cart, 'id', update.lineId)
  if update.quantity == 0 then table.remove(cart.lines, at) else cart.lines[at].quantity = update.quantity end
end
save(cart, #input.updates > 0)
return reply(cart, true, {})
`;

/** Removes lines, all or nothing. */
const REMOVE_LINES = `
local cart, exists, problems = open(input.target)
if #problems > 0 or input.refused then return reply(cart, exists, problems) end
for _, removal in ipairs(input.removals) do
  if not line_at(cart, 'id', removal.lineId) then
    table.insert(problems, { code = 'LINE_NOT_FOUND', index = removal.index })
  end
end
if #problems > 0 then return reply(cart, exists, problems) end
for _, removal in ipairs(input.removals) do
  table.remove(cart.lines, line_at(cart, 'id', removal.lineId))
end
save(cart, #input.removals > 0)
return reply(cart, true, {})
`;

/** The customer's cart, created (with its index) when they have none. */
const CUSTOMER_CART = `
local cart, exists = resolve({ kind = 'customer', customerId = input.customerId, newCartId = input.newCartId })
if not exists then save(cart, true) end
return reply(cart, true, {})
`;

/**
 * Moves a guest cart into the customer's: quantities summed and capped at the
 * variant's limit, lines beyond the 100th left out (each reported), guest cart deleted.
 */
const MERGE = `
local guest = load(input.guestCartId)
if not guest or str(guest.ownerId) then return reply(nil, false, { { code = 'CART_NOT_FOUND' } }) end
local cart, exists = resolve({ kind = 'customer', customerId = input.customerId, newCartId = input.newCartId })
if is_locked(guest) or (exists and is_locked(cart)) then return reply(cart, exists, { { code = 'CART_LOCKED' } }) end
local unknown = {}
for _, id in ipairs(input.unknown) do unknown[id] = true end
for _, line in ipairs(guest.lines) do
  if not input.limits[line.variantId] and not unknown[line.variantId] then return cjson.encode({ stale = true }) end
end
local currency = str(cart.currencyCode)
local guest_currency = str(guest.currencyCode)
if #cart.lines > 0 and #guest.lines > 0 and currency and guest_currency and currency ~= guest_currency then
  return reply(cart, exists, { { code = 'CURRENCY_MISMATCH', currencyCode = currency } })
end
local problems = {}
local skipped = 0
for _, line in ipairs(guest.lines) do
  local limit = input.limits[line.variantId]
  if not limit then
    table.insert(problems, { code = 'VARIANT_NOT_FOUND', variantId = line.variantId })
  else
    local at = line_at(cart, 'variantId', line.variantId)
    local in_cart = at and cart.lines[at].quantity or 0
    local merged = in_cart + line.quantity
    if merged > limit.max then
      merged = math.max(in_cart, limit.max)
      table.insert(problems, over_limit(limit, { variantId = line.variantId, inCart = in_cart }))
    end
    if at then
      cart.lines[at].quantity = merged
    elseif merged > 0 then
      if #cart.lines >= input.maxLines then
        skipped = skipped + 1
      else
        add_line(cart, line.variantId, merged)
        cart.currencyCode = str(cart.currencyCode) or limit.currencyCode
      end
    end
  end
end
if skipped > 0 then table.insert(problems, { code = 'CART_FULL', skipped = skipped }) end
redis.call('DEL', cart_key(guest.id))
save(cart, true)
return reply(cart, true, problems)
`;

/** Locks a cart for one checkout (idempotent per checkout id) and answers its snapshot. */
const LOCK = `
local cart = load(input.cartId)
local owner = cart and str(cart.ownerId)
if not cart or (owner and owner ~= str(input.customerId)) then return cjson.encode({ status = 'CART_NOT_FOUND' }) end
if is_locked(cart) then
  if cart.lock.checkoutId ~= input.checkoutId then return cjson.encode({ status = 'CART_LOCKED' }) end
else
  if #cart.lines == 0 then return cjson.encode({ status = 'CART_EMPTY' }) end
  cart.lock = { checkoutId = input.checkoutId, expiresAt = NOW + input.ttlSeconds * 1000 }
  save(cart, false)
end
return cjson.encode({ status = 'LOCKED', cart = cart })
`;

/** Releases a checkout's lock; another checkout's lock is left alone. */
const RELEASE = `
local cart = load(input.cartId)
if not cart or type(cart.lock) ~= 'table' or cart.lock.checkoutId ~= input.checkoutId then
  return cjson.encode({ released = false })
end
cart.lock = nil
save(cart, false)
return cjson.encode({ released = true })
`;

/** Clears the cart of a paid order, once per order id (the marker is set in the same script). */
const CLEAR_FOR_ORDER = `
local marker = P .. 'order-cleared:' .. input.orderId
if redis.call('EXISTS', marker) == 1 then return cjson.encode({ cleared = false, duplicate = true }) end
local cart = nil
if str(input.cartId) then
  cart = load(input.cartId)
elseif str(input.customerId) then
  local id = redis.call('GET', index_key(input.customerId))
  if id then cart = load(id) end
end
local cleared = false
if cart then
  local owner = str(cart.ownerId)
  if not owner then
    redis.call('DEL', cart_key(cart.id))
    cleared = true
  elseif owner == str(input.customerId) then
    cart.lines = {}
    cart.lock = nil
    save(cart, true)
    cleared = true
  end
end
redis.call('SET', marker, '1', 'EX', input.markerTtlSeconds)
return cjson.encode({ cleared = cleared, duplicate = false })
`;

const script = (body: string) => `${PRELUDE}\n${body}`;

export const CART_SCRIPTS = {
  addLines: script(ADD_LINES),
  updateLines: script(UPDATE_LINES),
  removeLines: script(REMOVE_LINES),
  customerCart: script(CUSTOMER_CART),
  merge: script(MERGE),
  lock: script(LOCK),
  release: script(RELEASE),
  clearForOrder: script(CLEAR_FOR_ORDER),
} as const;

export type CartScriptName = keyof typeof CART_SCRIPTS;
