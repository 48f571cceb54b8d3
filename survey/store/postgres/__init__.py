"""The central Kelisim server on PostgreSQL: schema, roles, administration, sync's storage side
and reading (see README, "A central server for many teams"). All of its SQL lives here."""
