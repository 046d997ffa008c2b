-- FreeRADIUS tables (hand-written; listed as external tables in prisma.config.ts).
-- Stock column names from FreeRADIUS 3.2 mods-config/sql/main/postgresql/schema.sql, so the
-- unchanged `sql` module queries work; plus tenant_id/subscriber_id links, our indexes and
-- triggers that fill those links for the rows FreeRADIUS writes itself.

CREATE TABLE radcheck (
  id            serial PRIMARY KEY,
  username      text NOT NULL DEFAULT '',
  attribute     text NOT NULL DEFAULT '',
  op            varchar(2) NOT NULL DEFAULT '==',
  value         text NOT NULL DEFAULT '',
  tenant_id     uuid,
  subscriber_id uuid
);
CREATE INDEX radcheck_username ON radcheck (username, attribute);
CREATE INDEX radcheck_subscriber ON radcheck (subscriber_id);

CREATE TABLE radreply (
  id            serial PRIMARY KEY,
  username      text NOT NULL DEFAULT '',
  attribute     text NOT NULL DEFAULT '',
  op            varchar(2) NOT NULL DEFAULT '=',
  value         text NOT NULL DEFAULT '',
  tenant_id     uuid,
  subscriber_id uuid
);
CREATE INDEX radreply_username ON radreply (username, attribute);
CREATE INDEX radreply_subscriber ON radreply (subscriber_id);

CREATE TABLE radgroupcheck (
  id        serial PRIMARY KEY,
  groupname text NOT NULL DEFAULT '',
  attribute text NOT NULL DEFAULT '',
  op        varchar(2) NOT NULL DEFAULT '==',
  value     text NOT NULL DEFAULT ''
);
CREATE INDEX radgroupcheck_groupname ON radgroupcheck (groupname, attribute);

CREATE TABLE radgroupreply (
  id        serial PRIMARY KEY,
  groupname text NOT NULL DEFAULT '',
  attribute text NOT NULL DEFAULT '',
  op        varchar(2) NOT NULL DEFAULT '=',
  value     text NOT NULL DEFAULT ''
);
CREATE INDEX radgroupreply_groupname ON radgroupreply (groupname, attribute);

CREATE TABLE radusergroup (
  id            serial PRIMARY KEY,
  username      text NOT NULL DEFAULT '',
  groupname     text NOT NULL DEFAULT '',
  priority      integer NOT NULL DEFAULT 0,
  tenant_id     uuid,
  subscriber_id uuid
);
CREATE INDEX radusergroup_username ON radusergroup (username);
CREATE INDEX radusergroup_subscriber ON radusergroup (subscriber_id);
CREATE INDEX radusergroup_groupname ON radusergroup (groupname);

-- fillfactor leaves room on each page so Interim-Updates are HOT updates.
CREATE TABLE radacct (
  radacctid           bigserial PRIMARY KEY,
  acctsessionid       text NOT NULL,
  acctuniqueid        text NOT NULL UNIQUE,
  username            text,
  realm               text,
  nasipaddress        inet NOT NULL,
  nasportid           text,
  nasporttype         text,
  acctstarttime       timestamp with time zone,
  acctupdatetime      timestamp with time zone,
  acctstoptime        timestamp with time zone,
  acctinterval        bigint,
  acctsessiontime     bigint,
  acctauthentic       text,
  connectinfo_start   text,
  connectinfo_stop    text,
  acctinputoctets     bigint,
  acctoutputoctets    bigint,
  calledstationid     text,
  callingstationid    text,
  acctterminatecause  text,
  servicetype         text,
  framedprotocol      text,
  framedipaddress     inet,
  framedipv6address   inet,
  framedipv6prefix    inet,
  framedinterfaceid   text,
  delegatedipv6prefix inet,
  class               text,
  tenant_id           uuid,
  subscriber_id       uuid
) WITH (fillfactor = 70);
-- Open sessions: the partial indexes FreeRADIUS's own schema has, plus ours for live lists.
CREATE INDEX radacct_active_session_idx ON radacct (acctuniqueid) WHERE acctstoptime IS NULL;
CREATE INDEX radacct_bulk_close ON radacct (nasipaddress, acctstarttime) WHERE acctstoptime IS NULL;
CREATE INDEX radacct_open_user ON radacct (username) WHERE acctstoptime IS NULL;
CREATE INDEX radacct_open_tenant ON radacct (tenant_id, acctstarttime DESC) WHERE acctstoptime IS NULL;
CREATE INDEX radacct_start_user_idx ON radacct (acctstarttime, username);
CREATE INDEX radacct_subscriber ON radacct (subscriber_id, acctstarttime DESC);
CREATE INDEX radacct_tenant_start ON radacct (tenant_id, acctstarttime DESC);

CREATE TABLE radpostauth (
  id               bigserial PRIMARY KEY,
  username         text NOT NULL,
  pass             text,
  reply            text,
  calledstationid  text,
  callingstationid text,
  authdate         timestamp with time zone NOT NULL DEFAULT now(),
  class            text,
  nasipaddress     inet,
  reason           text,
  message          text,
  tenant_id        uuid,
  subscriber_id    uuid
);
CREATE INDEX radpostauth_username_idx ON radpostauth (username);
CREATE INDEX radpostauth_subscriber ON radpostauth (subscriber_id, authdate DESC);
CREATE INDEX radpostauth_tenant ON radpostauth (tenant_id, authdate DESC);
CREATE INDEX radpostauth_tenant_rejects ON radpostauth (tenant_id, authdate DESC) WHERE reply = 'Access-Reject';

CREATE TABLE nas (
  id          serial PRIMARY KEY,
  nasname     text NOT NULL,
  shortname   text NOT NULL,
  type        text NOT NULL DEFAULT 'other',
  ports       integer,
  secret      text NOT NULL,
  server      text,
  community   text,
  description text,
  tenant_id   uuid,
  coa_port    integer NOT NULL DEFAULT 3799,
  created_at  timestamp with time zone NOT NULL DEFAULT now(),
  updated_at  timestamp with time zone NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX nas_nasname ON nas (nasname);
CREATE INDEX nas_tenant ON nas (tenant_id);

CREATE TABLE nasreload (
  nasipaddress inet PRIMARY KEY,
  reloadtime   timestamp with time zone NOT NULL
);

CREATE TABLE radius_reload (
  id           integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  requested_at timestamp with time zone NOT NULL,
  reason       text,
  done_at      timestamp with time zone
);

-- Links for rows FreeRADIUS writes: the subscriber by User-Name, else the tenant by NAS.
CREATE FUNCTION radius_link_radacct() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id IS NULL THEN
    SELECT s."tenantId", s.id INTO NEW.tenant_id, NEW.subscriber_id
      FROM "Subscriber" s WHERE s.username = NEW.username;
    IF NEW.tenant_id IS NULL THEN
      SELECT n.tenant_id INTO NEW.tenant_id FROM nas n WHERE n.nasname = host(NEW.nasipaddress);
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER radacct_link BEFORE INSERT ON radacct FOR EACH ROW EXECUTE FUNCTION radius_link_radacct();

-- Post-auth: links, never a password, and a readable reason for every Access-Reject.
CREATE FUNCTION radius_link_radpostauth() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sub_status text;
BEGIN
  NEW.pass := NULL;
  SELECT s."tenantId", s.id, s.status::text INTO NEW.tenant_id, NEW.subscriber_id, sub_status
    FROM "Subscriber" s WHERE s.username = NEW.username;
  IF NEW.tenant_id IS NULL AND NEW.nasipaddress IS NOT NULL THEN
    SELECT n.tenant_id INTO NEW.tenant_id FROM nas n WHERE n.nasname = host(NEW.nasipaddress);
  END IF;
  IF NEW.reply = 'Access-Reject' AND NEW.reason IS NULL THEN
    IF NEW.subscriber_id IS NULL THEN
      NEW.reason := 'unknown_user';
    ELSIF NOT EXISTS (SELECT 1 FROM radcheck c WHERE c.username = NEW.username) THEN
      NEW.reason := CASE sub_status WHEN 'TERMINATED' THEN 'terminated' ELSE 'not_provisioned' END;
    ELSIF EXISTS (SELECT 1 FROM radusergroup g WHERE g.username = NEW.username AND g.groupname = 'suspended') THEN
      NEW.reason := 'suspended';
    ELSIF EXISTS (SELECT 1 FROM radcheck c WHERE c.username = NEW.username AND c.attribute = 'NAS-IP-Address'
                  AND (NEW.nasipaddress IS NULL OR c.value <> host(NEW.nasipaddress))) THEN
      NEW.reason := 'wrong_nas';
    ELSIF EXISTS (SELECT 1 FROM radcheck c WHERE c.username = NEW.username AND c.attribute = 'Calling-Station-Id'
                  AND lower(c.value) <> lower(coalesce(NEW.callingstationid, ''))) THEN
      NEW.reason := 'wrong_mac';
    ELSE
      NEW.reason := 'bad_password';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER radpostauth_link BEFORE INSERT ON radpostauth FOR EACH ROW EXECUTE FUNCTION radius_link_radpostauth();

-- The group every suspended subscriber is moved to (reject). Walled-garden tenants use the
-- `walled_garden` group instead; its reply attributes come from the catalogue module.
INSERT INTO radgroupcheck (groupname, attribute, op, value) VALUES ('suspended', 'Auth-Type', ':=', 'Reject');
INSERT INTO radgroupreply (groupname, attribute, op, value) VALUES ('suspended', 'Reply-Message', ':=', 'Service suspended');
INSERT INTO radgroupreply (groupname, attribute, op, value) VALUES ('walled_garden', 'Filter-Id', ':=', 'walled-garden');
INSERT INTO radgroupreply (groupname, attribute, op, value) VALUES ('walled_garden', 'Mikrotik-Address-List', ':=', 'walled-garden');
INSERT INTO radgroupreply (groupname, attribute, op, value) VALUES ('walled_garden', 'Session-Timeout', ':=', '3600');
