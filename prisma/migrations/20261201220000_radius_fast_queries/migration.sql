-- FreeRADIUS's hot paths as plpgsql functions: rlm_sql_postgresql sends every query as plain
-- text, so PostgreSQL parses and plans each one again; a function's statements are planned
-- once per connection. The tables and the stock queries are unchanged (a stock FreeRADIUS
-- still works on them); radius/run.ts points our radiusd's queries.conf at these.

-- The subscriber's first group (priority order) whose check items match: what the stock
-- group loop settles on (it stops at the first matching group unless Fall-Through). The only
-- comparison the platform writes is FiberOps-NAS-Vendor == <vendor>; a group with any other
-- comparison item never matches here.
CREATE FUNCTION radius_matching_group(p_username text, p_vendor text) RETURNS text
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  g text;
BEGIN
  SELECT ug.groupname INTO g
    FROM radusergroup ug
   WHERE ug.username = p_username
     AND NOT EXISTS (
       SELECT 1 FROM radgroupcheck x
        WHERE x.groupname = ug.groupname
          AND x.op NOT IN (':=', '=', '+=')
          AND NOT (x.attribute = 'FiberOps-NAS-Vendor' AND x.op = '==' AND x.value = p_vendor))
   ORDER BY ug.priority, ug.id
   LIMIT 1;
  RETURN g;
END $$;

-- authorize_check_query: the user's check items, then the matching group's assignment check
-- items (e.g. `Auth-Type := Reject` of the `suspended` group). Used with read_groups = no.
CREATE FUNCTION radius_authorize_check(p_username text, p_vendor text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op varchar)
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  g text;
BEGIN
  RETURN QUERY SELECT c.id, c.username, c.attribute, c.value, c.op
    FROM radcheck c WHERE c.username = p_username ORDER BY c.id;
  g := radius_matching_group(p_username, p_vendor);
  IF g IS NOT NULL THEN
    RETURN QUERY SELECT c.id, c.groupname, c.attribute, c.value, c.op
      FROM radgroupcheck c WHERE c.groupname = g AND c.op IN (':=', '=', '+=') ORDER BY c.id;
  END IF;
END $$;

-- authorize_reply_query: the user's reply items, then the matching group's.
CREATE FUNCTION radius_authorize_reply(p_username text, p_vendor text)
  RETURNS TABLE (id integer, username text, attribute text, value text, op varchar)
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  g text;
BEGIN
  RETURN QUERY SELECT r.id, r.username, r.attribute, r.value, r.op
    FROM radreply r WHERE r.username = p_username ORDER BY r.id;
  g := radius_matching_group(p_username, p_vendor);
  IF g IS NOT NULL THEN
    RETURN QUERY SELECT r.id, r.groupname, r.attribute, r.value, r.op
      FROM radgroupreply r WHERE r.groupname = g ORDER BY r.id;
  END IF;
END $$;

-- The stock Interim-Update UPDATE (same columns, same arithmetic). Returns a row only when an
-- open session was updated, so rlm_sql falls through to the stock INSERT otherwise. Arguments
-- are FreeRADIUS's expanded strings ('' = attribute absent).
CREATE FUNCTION radius_acct_interim(
  p_unique_id text, p_event_epoch text, p_session_time text,
  p_input_gigawords text, p_input_octets text, p_output_gigawords text, p_output_octets text,
  p_framed_ip text, p_framed_ipv6 text, p_framed_ipv6_prefix text, p_interface_id text, p_delegated_prefix text)
  RETURNS SETOF integer LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  UPDATE radacct SET
    framedipaddress = NULLIF(p_framed_ip, '')::inet,
    framedipv6address = NULLIF(p_framed_ipv6, '')::inet,
    framedipv6prefix = NULLIF(p_framed_ipv6_prefix, '')::inet,
    framedinterfaceid = NULLIF(p_interface_id, ''),
    delegatedipv6prefix = NULLIF(p_delegated_prefix, '')::inet,
    acctsessiontime = NULLIF(p_session_time, '')::bigint,
    acctinterval = p_event_epoch::bigint - EXTRACT(EPOCH FROM COALESCE(acctupdatetime, acctstarttime)),
    acctupdatetime = to_timestamp(p_event_epoch::bigint),
    acctinputoctets = (COALESCE(NULLIF(p_input_gigawords, ''), '0')::bigint << 32)
      + COALESCE(NULLIF(p_input_octets, ''), '0')::bigint,
    acctoutputoctets = (COALESCE(NULLIF(p_output_gigawords, ''), '0')::bigint << 32)
      + COALESCE(NULLIF(p_output_octets, ''), '0')::bigint
   WHERE acctuniqueid = p_unique_id AND acctstoptime IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    RETURN NEXT n;
  END IF;
END $$;
