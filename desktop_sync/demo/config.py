"""The demo's configuration: four mappings that between them use the whole mapping language.

SALESPEOPLE come first because CUSTOMER looks up a customer's salesperson through their
couplings, and CUSTOMER comes before CONTACT, which looks up a contact's company; `sync` would
order them so anyway. Every field has the label Business Central shows for it.
"""

from __future__ import annotations

from desktop_sync.mapping_toml import app, config_toml, field, mapping

STAMPS = ("last_modified", "modifiedon")

# Business Central payment terms codes and the Dynamics 365 Sales payment terms option values.
PAYMENT_TERMS = [["30 DAYS", 1], ["1M(8D)", 2], ["45 DAYS", 3], ["60 DAYS", 4]]
UNMAPPED_PAYMENT_TERMS = "COD"  # cash on delivery: no CRM option, so such a customer fails

HEADER = """\
desktop-sync demo configuration: an ERP (Business Central-like) and a CRM (Dynamics 365
Sales-like) in two SQLite files beside this one. README.md explains every key under
"Configuration" and "Mapping real schemas"."""

SALESPEOPLE = mapping(
    "SALESPEOPLE",
    ("salesperson", "systemuser"),
    ("code", "systemuserid"),
    [
        field("name", "fullname", label="Name"),
        field("email", "internalemailaddress", label="E-Mail"),
        field("phone", "mobilephone", label="Phone No."),
    ],
    modified=STAMPS,
    note="Salespeople become CRM users; users the CRM already has are coupled by e-mail.",
    direction="to_crm",
    match_on=["email"],
)

CUSTOMER = mapping(
    "CUSTOMER",
    ("customer", "account"),
    ("no", "accountid"),
    [
        field("name", "name", label="Name"),
        field("address", "address1_line1", label="Address"),
        field("city", "address1_city", label="City"),
        field("post_code", "address1_postalcode", label="Post Code"),
        field(
            "country",
            "address1_country",
            label="Country/Region Code",
            transform=["trim", "upper"],
            note='"no" typed in the CRM becomes "NO"; the two never look different for it',
        ),
        field("phone", "telephone1", label="Phone No."),
        field("email", "emailaddress1", label="E-Mail"),
        field(
            "salesperson_code",
            "ownerid",
            label="Salesperson Code",
            lookup="SALESPEOPLE",
            note="the ERP's salesperson code is the CRM user coupled to that salesperson",
        ),
        field(
            "payment_terms_code",
            "paymenttermscode",
            label="Payment Terms Code",
            values=PAYMENT_TERMS,
            note=f"a code with no option here ({UNMAPPED_PAYMENT_TERMS}) fails its customer",
        ),
        field(
            "credit_limit",
            "creditlimit",
            label="Credit Limit (LCY)",
            direction="to_crm",
        ),
        field(crm="customertypecode", label="Relationship Type", constant=3),
        field(
            crm="statuscode",
            label="Status Reason",
            constant=1,
            on="insert",
            note="a new account starts active; the CRM's users may change it afterwards",
        ),
        field(
            crm="createdon",
            label="Created On",
            value="now",
            note="NOT NULL in the CRM, which has no default: the database's time on insert",
        ),
    ],
    modified=STAMPS,
    note="Blocked customers stay out of the CRM; accounts it already has are coupled by e-mail.",
    direction="bidirectional",
    match_on=["email"],
    update_conflict="manual",
    deletion_conflict="manual",
    erp_filter={"blocked": False},
)

CONTACT = mapping(
    "CONTACT",
    ("contact", "contact"),
    ("no", "contactid"),
    [
        field("first_name", "firstname", label="First Name"),
        field(
            "last_name",
            "lastname",
            label="Surname",
            note="NOT NULL in the CRM: a contact without a surname gets empty text there",
        ),
        field("email", "emailaddress1", label="E-Mail"),
        field("phone", "telephone1", label="Phone No."),
        field("job_title", "jobtitle", label="Job Title"),
        field(
            "company_no",
            "parentcustomerid",
            label="Company No.",
            lookup="CUSTOMER",
            note="the contact's company is the account coupled to that customer",
        ),
        field(crm="createdon", label="Created On", value="now"),
    ],
    modified=STAMPS,
    direction="bidirectional",
    update_conflict="manual",
    deletion_conflict="manual",
)

ITEM_PRODUCT = mapping(
    "ITEM-PRODUCT",
    ("item", "product"),
    ("no", "productid"),
    [
        field("description", "name", label="Description"),
        field("unit_price", "price", label="Unit Price"),
        field("unit_of_measure", "defaultuomid", label="Base Unit of Measure"),
        field(crm="statecode", label="Status", constant=0),
    ],
    modified=STAMPS,
    note="Delete Records on an item deleted in the ERP retires its CRM product (statecode 1).",
    direction="to_crm",
    archive_crm={"column": "statecode", "value": 1},
)

MAPPINGS = [SALESPEOPLE, CUSTOMER, CONTACT, ITEM_PRODUCT]

CONFIG = config_toml(
    "sqlite:///state.db",
    app("sqlite:///erp.db", "Business Central"),
    app("sqlite:///crm.db", "Dynamics 365 Sales"),
    MAPPINGS,
    header=HEADER,
)
