-- Crucible ledger: append-only history of every account and assessment (docs/durability.md).
-- Idempotent: safe to run on every start. Rows are never updated or deleted by the engine.
--
-- Every table has a natural unique key, so a batch retried after an ambiguous commit (the commit reached the
-- server but its answer did not reach the writer) inserts nothing twice: the writer inserts with
-- ON CONFLICT DO NOTHING. ledger_seq is the commit order, which is the order the owning grain appended in.
-- Money, prices and quantities are numeric (exact decimals, no scale imposed); times are timestamptz (UTC).
-- Enum columns hold the C# enum member name (e.g. 'StopLimit', 'PartiallyFilled').

CREATE TABLE IF NOT EXISTS ledger_accounts (
    account_id      text        NOT NULL PRIMARY KEY,
    initial_balance numeric     NOT NULL,
    opened_at       timestamptz NOT NULL,
    ledger_seq      bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

-- The order as placed: what never changes after creation. Its states are in ledger_order_changes.
CREATE TABLE IF NOT EXISTS ledger_orders (
    account_id      text        NOT NULL,
    order_id        text        NOT NULL,
    client_order_id text        NULL,
    symbol          text        NOT NULL,
    side            text        NOT NULL,
    order_type      text        NOT NULL,
    time_in_force   text        NOT NULL,
    order_class     text        NOT NULL,
    quantity        numeric     NOT NULL,
    parent_id       text        NULL,
    replaces_id     text        NULL,
    created_at      timestamptz NOT NULL,
    ledger_seq      bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, order_id)
);
CREATE INDEX IF NOT EXISTS ledger_orders_account_time ON ledger_orders (account_id, created_at);
CREATE INDEX IF NOT EXISTS ledger_orders_time ON ledger_orders (created_at);

-- Every state an order took, as a full snapshot; version counts the order's states from 1.
CREATE TABLE IF NOT EXISTS ledger_order_changes (
    account_id         text        NOT NULL,
    order_id           text        NOT NULL,
    version            integer     NOT NULL CHECK (version >= 1),
    client_order_id    text        NULL,
    symbol             text        NOT NULL,
    side               text        NOT NULL,
    order_type         text        NOT NULL,
    time_in_force      text        NOT NULL,
    order_class        text        NOT NULL,
    quantity           numeric     NOT NULL,
    filled_quantity    numeric     NOT NULL,
    average_fill_price numeric     NULL,
    limit_price        numeric     NULL,
    stop_price         numeric     NULL,
    trail_amount       numeric     NULL,
    trail_percent      numeric     NULL,
    watermark          numeric     NULL,
    triggered          boolean     NOT NULL,
    status             text        NOT NULL,
    reject_reason      text        NULL,
    parent_id          text        NULL,
    leg_ids            text[]      NOT NULL,
    replaces_id        text        NULL,
    replaced_by_id     text        NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    filled_at          timestamptz NULL,
    canceled_at        timestamptz NULL,
    expired_at         timestamptz NULL,
    rejected_at        timestamptz NULL,
    replaced_at        timestamptz NULL,
    expires_at         timestamptz NULL,
    ledger_seq         bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, order_id, version)
);
CREATE INDEX IF NOT EXISTS ledger_order_changes_account_seq ON ledger_order_changes (account_id, ledger_seq);
CREATE INDEX IF NOT EXISTS ledger_order_changes_time ON ledger_order_changes (updated_at);

CREATE TABLE IF NOT EXISTS ledger_fills (
    account_id     text        NOT NULL,
    fill_id        text        NOT NULL,
    order_id       text        NOT NULL,
    symbol         text        NOT NULL,
    side           text        NOT NULL,
    quantity       numeric     NOT NULL,
    price          numeric     NOT NULL,
    commission     numeric     NOT NULL,
    realized_pnl   numeric     NOT NULL,
    filled_at      timestamptz NOT NULL,
    quote_sequence bigint      NOT NULL,
    ledger_seq     bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, fill_id)
);
CREATE INDEX IF NOT EXISTS ledger_fills_account_seq ON ledger_fills (account_id, ledger_seq);
CREATE INDEX IF NOT EXISTS ledger_fills_account_time ON ledger_fills (account_id, filled_at);
CREATE INDEX IF NOT EXISTS ledger_fills_time ON ledger_fills (filled_at);

-- A prediction contract's settlement closes a position without a fill (docs/trading.md), so it has its own rows.
CREATE TABLE IF NOT EXISTS ledger_settlements (
    account_id     text        NOT NULL,
    symbol         text        NOT NULL,
    quote_sequence bigint      NOT NULL,
    quantity       numeric     NOT NULL,
    price          numeric     NOT NULL,
    realized_pnl   numeric     NOT NULL,
    settled_at     timestamptz NOT NULL,
    ledger_seq     bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, symbol, quote_sequence)
);
CREATE INDEX IF NOT EXISTS ledger_settlements_time ON ledger_settlements (settled_at);

-- Rule evaluations that changed something, with the evidence; sequence counts the account's rule events from 1.
CREATE TABLE IF NOT EXISTS ledger_rule_events (
    account_id     text        NOT NULL,
    sequence       bigint      NOT NULL CHECK (sequence >= 1),
    occurred_at    timestamptz NOT NULL,
    rule           text        NOT NULL,
    kind           text        NOT NULL,
    measured       numeric     NOT NULL,
    limit_value    numeric     NOT NULL,
    balance        numeric     NOT NULL,
    equity         numeric     NOT NULL,
    cause          text        NOT NULL,
    symbol         text        NULL,
    quote_sequence bigint      NULL,
    fill_id        text        NULL,
    message        text        NOT NULL,
    ledger_seq     bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, sequence)
);
CREATE INDEX IF NOT EXISTS ledger_rule_events_account_time ON ledger_rule_events (account_id, occurred_at);
CREATE INDEX IF NOT EXISTS ledger_rule_events_time ON ledger_rule_events (occurred_at);

CREATE TABLE IF NOT EXISTS ledger_equity_samples (
    account_id  text        NOT NULL,
    sampled_at  timestamptz NOT NULL,
    balance     numeric     NOT NULL,
    equity      numeric     NOT NULL,
    ledger_seq  bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, sampled_at)
);
CREATE INDEX IF NOT EXISTS ledger_equity_samples_time ON ledger_equity_samples (sampled_at);

-- Status changes of an assessment (pass, fail, reset, evaluator decisions); sequence counts them per attempt from 1.
CREATE TABLE IF NOT EXISTS ledger_assessment_transitions (
    assessment_id text        NOT NULL,
    attempt       integer     NOT NULL CHECK (attempt >= 1),
    sequence      bigint      NOT NULL CHECK (sequence >= 1),
    phase         integer     NOT NULL,
    from_status   text        NOT NULL,
    to_status     text        NOT NULL,
    cause         text        NOT NULL,
    actor         text        NOT NULL,
    reason        text        NULL,
    occurred_at   timestamptz NOT NULL,
    ledger_seq    bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (assessment_id, attempt, sequence)
);
CREATE INDEX IF NOT EXISTS ledger_assessment_transitions_time ON ledger_assessment_transitions (occurred_at);

-- What a rebuild needs to trade on as before (added after the first release, hence ALTER ... IF NOT EXISTS): the
-- account's terms (null: the defaults) and, for an assessment account, the phase it runs; JSON of the engine's records.
ALTER TABLE ledger_accounts ADD COLUMN IF NOT EXISTS terms jsonb NULL;
ALTER TABLE ledger_accounts ADD COLUMN IF NOT EXISTS evaluation jsonb NULL;

-- A rule event's evidence names the quote the account was marked at (the tick, or the touch at a fill).
ALTER TABLE ledger_rule_events ADD COLUMN IF NOT EXISTS bid numeric NULL;
ALTER TABLE ledger_rule_events ADD COLUMN IF NOT EXISTS ask numeric NULL;

-- An order placed with a notional (an amount of money sized into its quantity, docs/alpaca.md) keeps the amount to show it.
ALTER TABLE ledger_order_changes ADD COLUMN IF NOT EXISTS notional numeric NULL;

-- Assessments rebuilt from the ledger when their grain state is lost (docs/durability.md): the purchase with the plan
-- as bought, and on each transition what replaying it needs (the evidence, the phase it ended and the one it opened,
-- the assessment's event sequence after it). Transitions recorded before these columns hold nulls.
CREATE TABLE IF NOT EXISTS ledger_assessments (
    assessment_id     text        NOT NULL PRIMARY KEY,
    trader_id         text        NOT NULL,
    plan_id           text        NOT NULL,
    plan              jsonb       NOT NULL,
    price_paid        numeric     NOT NULL,
    payment_reference text        NOT NULL,
    purchase_id       text        NULL,
    opened_at         timestamptz NOT NULL,
    ledger_seq        bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ledger_assessments_trader ON ledger_assessments (trader_id);
ALTER TABLE ledger_assessment_transitions ADD COLUMN IF NOT EXISTS evidence jsonb NULL;
ALTER TABLE ledger_assessment_transitions ADD COLUMN IF NOT EXISTS phase_ended text NULL;
ALTER TABLE ledger_assessment_transitions ADD COLUMN IF NOT EXISTS phase_ended_by text NULL;
ALTER TABLE ledger_assessment_transitions ADD COLUMN IF NOT EXISTS phase_opened text NULL;
ALTER TABLE ledger_assessment_transitions ADD COLUMN IF NOT EXISTS phase_opened_name text NULL;
ALTER TABLE ledger_assessment_transitions ADD COLUMN IF NOT EXISTS event_sequence bigint NULL;

-- Issue 13: an assessment account's phase state (rule engine, session, account as last observed) and the last quote its
-- book applied of each symbol it held or worked, written with every append of the account; a rebuilt account resumes
-- from the latest one (docs/durability.md "Assessment accounts"). sequence counts the account's snapshots from 1.
CREATE TABLE IF NOT EXISTS ledger_phase_snapshots (
    account_id  text        NOT NULL,
    sequence    bigint      NOT NULL CHECK (sequence >= 1),
    observed_at timestamptz NOT NULL,
    snapshot    jsonb       NOT NULL,
    quotes      jsonb       NOT NULL,
    ledger_seq  bigint      GENERATED ALWAYS AS IDENTITY,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, sequence)
);
