using { customer as c, account as a } from '../db/schema';

// Pages of at most 500 records, continued by @odata.nextLink.
@path: '/erp'
service ErpService {
  @cds.query.limit: { default: 500, max: 500 }
  entity customer as projection on c;
}

@path: '/crm'
service CrmService {
  @cds.query.limit: { default: 500, max: 500 }
  entity account as projection on a;
}
