/** The seed CLI's help texts (seed/cli.ts), one per command. */

const SERVER = `Where it writes:
  --server <url>   (or REGKG_SERVER) through the gateway's seed API (http://host:4000 or …/graphql):
                   the server checks the API key (--api-key or REGKG_API_KEY) and records the
                   key's name as appliedBy. A regulator needs only a key, never the database password.
  (no --server)    straight to Neo4j with NEO4J_WRITE_USERNAME / NEO4J_WRITE_PASSWORD (default the
                   NEO4J_USERNAME / NEO4J_PASSWORD): for operators. The database credential is then
                   the real credential; --by is recorded as "<name> (direct, neo4j user <user>)".`;

export const HELP: Record<string, string> = {
  main: `regkg-seed — load and inspect the regulatory knowledge graph

Usage: npm run seed -- <command> [options]

Commands:
  validate <files...>     check seed files (no database)
  plan <files...>         show what applying would change
  apply <files...>        apply a file set in one transaction
  history <provision-id>  versions of a provision and the amendments that produced them
  export [--out dir]      write the graph out as Dataset files
  make-key <name>         a new API key and the WRITE_API_KEYS / READ_API_KEYS entry holding its hash

Run "npm run seed -- <command> --help" for a command's options. A directory argument means
every *.yaml, *.yml and *.json file under it, sorted. validate, plan and apply take --server <url>
(or REGKG_SERVER) to work through the gateway's seed API with an API key.`,
  validate: `Usage: npm run seed -- validate <files or dirs...> [--json] [--server <url> --api-key <key>]

Checks encoding (UTF-8; a UTF-8 BOM is ignored; UTF-16, invalid bytes and NUL bytes are errors),
YAML/JSON syntax, the JSON Schema (seed/schema/), text length (MAX_TEXT_LENGTH), duplicate ids,
references within the file set, overlapping version intervals and amendment conflicts among the
set's own entities. Reports ALL errors; exits 1 if there is any. No database is used; with
--server the same checks run on the server (a read or write key).

  --json   print {ok, files, issues[]} as JSON`,
  plan: `Usage: npm run seed -- plan <files or dirs...> [--json] [--language en|ko] [--from YYYY-MM-DD --to YYYY-MM-DD] [--server <url> --api-key <key>]

Compares the file set with the current graph and lists new / changed / repealed provisions,
obligations, designations and other entities, with a diff of changed provision text. Also checks
references and conflicts against the graph. With --server: a read or write key.

Then the change feed the apply would cause: for every service type (and as each institution type
the touched obligations name) and every deployment, the applicability changes the apply adds (+)
or removes (-) in the window — the changes query's engine, run on the graph as the apply would
leave it inside a transaction that is rolled back. Nothing is committed; the data version does
not move.

  --json          machine-readable output (the feed is "feed")
  --language      language of the feed's explanations (default en)
  --from, --to    the feed's window (default: the span of the dates the plan writes; at most 20 years)
  --no-feed       summary only (read-only)`,
  apply: `Usage: npm run seed -- apply <files or dirs...> (--server <url> --api-key <key> | --by <name>) [--quiet]

Applies the file set in ONE transaction: everything or nothing. Re-applying the same content is
a no-op (the content hash is recorded as a ChangeSet). Concurrent applies are serialised.

${SERVER}

  --api-key <key>  with --server: a key of WRITE_API_KEYS on the server (make one with make-key)
  --by <name>      direct mode: who applies, recorded with the database user
  --quiet          no progress bar (also off when stderr is not a terminal)
  --json           print the result as JSON`,
  history: `Usage: npm run seed -- history <provision-id> [--json]

Lists the versions of a provision (validFrom … validTo), each with the amendment that produced
it and who applied it.`,
  export: `Usage: npm run seed -- export [--out <dir>]

Writes the current graph as Dataset files (regulations, vocabulary, institutions, obligations)
into <dir> (default: ./export). export → apply on an empty graph → export gives identical files.`,
  'make-key': `Usage: npm run seed -- make-key <name> [--json]

Prints a new random API key (give it to its holder; it is shown once) and the config entry that
holds only its sha256 hash: add the entry to WRITE_API_KEYS (apply, plan, validate, and reads) or
READ_API_KEYS (plan, validate, and reads when REQUIRE_READ_KEY=true), comma-separated. The name
is what the audit trail records as appliedBy.`,
};
