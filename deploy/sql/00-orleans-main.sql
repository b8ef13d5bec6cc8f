-- Orleans ADO.NET main table, after dotnet/orleans src/AdoNet/Shared/PostgreSQL-Main.sql (MIT).
-- Every ADO.NET provider reads its SQL from this table at start-up: the providers issue no other
-- query text of their own, so the later scripts fill it with the clustering, persistence and
-- reminder queries. Idempotent: the migrator re-runs a script whose text changed.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);
