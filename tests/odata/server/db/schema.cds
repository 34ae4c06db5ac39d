// The two apps of the tests' world (tests/helpers.py), as OData services would keep them.
using { managed } from '@sap/cds/common';

// ERP-like: customers with a text number as key, stamped by the service (`managed`:
// modifiedAt on every write); the stamp is the ETag, so a stale If-Match answers 412 and a
// missing one 428. `city` is longer than the CRM's, as in the SQL world where SQLite keeps
// whatever it gets.
entity customer : managed {
  key no  : String(40);
  name    : String(50) not null;
  city    : String(40);
  email   : String(80);
  blocked : Boolean not null default false;
  credit  : Decimal(12, 2);
  created : Timestamp;
}
annotate customer with { modifiedAt @odata.etag; }

// CRM-like: accounts keyed by text (the engine makes UUIDs), stamped like Dataverse's
// `modifiedon` with what `managed` does.
entity account {
  key accountid : String(36);
  name          : String(50) not null;
  city          : String(30);
  email         : String(80);
  credit        : Decimal(12, 2);
  typecode      : Integer;
  modifiedon    : Timestamp @cds.on.insert: $now @cds.on.update: $now @odata.etag;
}
