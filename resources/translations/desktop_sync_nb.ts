<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>AppFields</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Navn:</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>Na&amp;vn:</translation>
    </message>
    <message>
        <source>{side} name</source>
        <translation>{side}-navn</translation>
    </message>
    <message>
        <source>How the {side} is reached</source>
        <translation>Hvordan {side} nås</translation>
    </message>
    <message>
        <source>Reached &amp;by:</source>
        <translation>Nå&amp;s via:</translation>
    </message>
    <message>
        <source>Reac&amp;hed by:</source>
        <translation>Nås v&amp;ia:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Leietaker:</translation>
    </message>
    <message>
        <source>{side} tenant</source>
        <translation>{side}-leietaker</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Miljø:</translation>
    </message>
    <message>
        <source>{side} environment</source>
        <translation>{side}-miljø</translation>
    </message>
    <message>
        <source>{side} company id</source>
        <translation>{side}-firma-ID</translation>
    </message>
    <message>
        <source>{side} companies</source>
        <translation>{side}-firmaer</translation>
    </message>
    <message>
        <source>sign in to list the companies</source>
        <translation>logg på for å se firmaene</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Firma:</translation>
    </message>
    <message>
        <source>Client id:</source>
        <translation>Klient-ID:</translation>
    </message>
    <message>
        <source>{side} client id</source>
        <translation>{side}-klient-ID</translation>
    </message>
    <message>
        <source>The Application (client) ID of the app registration in Microsoft Entra ID.</source>
        <translation>Program-ID (klient-ID) for appregistreringen i Microsoft Entra ID.</translation>
    </message>
    <message>
        <source>{side} sign-in</source>
        <translation>{side}-pålogging</translation>
    </message>
    <message>
        <source>Sign-in:</source>
        <translation>Pålogging:</translation>
    </message>
    <message>
        <source>Addresses other than Microsoft&apos;s</source>
        <translation>Andre adresser enn Microsofts</translation>
    </message>
    <message>
        <source>API address:</source>
        <translation>API-adresse:</translation>
    </message>
    <message>
        <source>{side} API address</source>
        <translation>{side}-API-adresse</translation>
    </message>
    <message>
        <source>Sign-in authority:</source>
        <translation>Påloggingsinstans:</translation>
    </message>
    <message>
        <source>{side} sign-in authority</source>
        <translation>{side}-påloggingsinstans</translation>
    </message>
    <message>
        <source>S&amp;ign in…</source>
        <translation>Logg &amp;på…</translation>
    </message>
    <message>
        <source>Si&amp;gn in…</source>
        <translation>Logg p&amp;å…</translation>
    </message>
    <message>
        <source>Sign in now, list what there is to pick, and see that the service answers.</source>
        <translation>Logg på nå, vis det som kan velges, og se at tjenesten svarer.</translation>
    </message>
    <message>
        <source>Database U&amp;RL:</source>
        <translation>Database-U&amp;RL:</translation>
    </message>
    <message>
        <source>Database UR&amp;L:</source>
        <translation>Database-UR&amp;L:</translation>
    </message>
    <message>
        <source>{side} database URL</source>
        <translation>URL til {side}-databasen</translation>
    </message>
    <message>
        <source>Environment U&amp;RL:</source>
        <translation>Miljø-U&amp;RL:</translation>
    </message>
    <message>
        <source>Environment UR&amp;L:</source>
        <translation>Miljø-UR&amp;L:</translation>
    </message>
    <message>
        <source>{side} environment URL</source>
        <translation>URL til {side}-miljøet</translation>
    </message>
    <message>
        <source>Service U&amp;RL:</source>
        <translation>Tjeneste-U&amp;RL:</translation>
    </message>
    <message>
        <source>Service UR&amp;L:</source>
        <translation>Tjeneste-UR&amp;L:</translation>
    </message>
    <message>
        <source>{side} service URL</source>
        <translation>URL til {side}-tjenesten</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>f.eks. {example}</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passord:</translation>
    </message>
    <message>
        <source>{side} password</source>
        <translation>{side}-passord</translation>
    </message>
    <message>
        <source>only when the URL names a user</source>
        <translation>bare når URL-en har et brukernavn</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>{side} token</source>
        <translation>{side}-token</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>lagres i systemets nøkkelring</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>Klienthemmelighet:</translation>
    </message>
    <message>
        <source>{side} client secret</source>
        <translation>{side}-klienthemmelighet</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>rule “{name}”</source>
        <translation>regel «{name}»</translation>
    </message>
    <message>
        <source>job {id}</source>
        <translation>jobb {id}</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>Satt inn</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Oppdatert</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Arkivert</translation>
    </message>
    <message>
        <source>Synchronize</source>
        <translation>Synkroniser</translation>
    </message>
    <message>
        <source>Restore Records</source>
        <translation>Gjenopprett poster</translation>
    </message>
    <message>
        <source>Delete Records</source>
        <translation>Slett poster</translation>
    </message>
    <message>
        <source>Couple</source>
        <translation>Koble</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Angre</translation>
    </message>
    <message>
        <source>{kind} ({how})</source>
        <translation>{kind} ({how})</translation>
    </message>
    <message>
        <source>{field}: {before} → {after}</source>
        <translation>{field}: {before} → {after}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Når</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Hvem</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Endring</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>Før → etter</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>A job&apos;s own write: it is not undone by hand</source>
        <translation>En jobbs egen skriving: den angres ikke manuelt</translation>
    </message>
</context>
<context>
    <name>ChangesTab</name>
    <message>
        <source>Changes made to this record</source>
        <translation>Endringer gjort i denne posten</translation>
    </message>
    <message>
        <source>What the last undo did</source>
        <translation>Hva den siste angringen gjorde</translation>
    </message>
    <message>
        <source>desktop-sync has written nothing to this record yet.</source>
        <translation>desktop-sync har ikke skrevet noe til denne posten ennå.</translation>
    </message>
    <message>
        <source>&amp;Undo…</source>
        <translation>&amp;Angre …</translation>
    </message>
    <message>
        <source>Write back the values this resolution replaced, in both apps, as a new change</source>
        <translation>Skriv tilbake verdiene denne løsningen erstattet, i begge appene, som en ny endring</translation>
    </message>
    <message>
        <source>Select a change first</source>
        <translation>Velg en endring først</translation>
    </message>
    <message>
        <source>A job&apos;s own write is not undone by hand: change the record in its app instead</source>
        <translation>En jobbs egen skriving angres ikke manuelt: endre posten i appen i stedet</translation>
    </message>
    <message>
        <source>Wait for the current action to finish</source>
        <translation>Vent til gjeldende handling er ferdig</translation>
    </message>
    <message>
        <source>{app}: record {key}, which it inserted, is deleted again.</source>
        <translation>{app}: posten {key}, som den satte inn, slettes igjen.</translation>
    </message>
    <message>
        <source>{app}: record {key}, which it deleted, is inserted again and coupled.</source>
        <translation>{app}: posten {key}, som den slettet, settes inn igjen og kobles.</translation>
    </message>
    <message>
        <source>{field} back to {before} (now {after})</source>
        <translation>{field} tilbake til {before} (nå {after})</translation>
    </message>
    <message>
        <source>{app} record {key}: {fields}.</source>
        <translation>{app}-post {key}: {fields}.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Angre</translation>
    </message>
    <message>
        <source>Undo {who}&apos;s change of {when}? This is written back, as a new change:

{what}

If somebody changed the record since then, nothing is overwritten: it becomes a “Changed in both” error to resolve as usual.</source>
        <translation>Angre endringen {who} gjorde {when}? Dette skrives tilbake, som en ny endring:

{what}

Hvis noen har endret posten siden, overskrives ingenting: det blir en «Endret i begge»-feil som løses som vanlig.</translation>
    </message>
    <message>
        <source>Undoing change {id}</source>
        <translation>Angrer endring {id}</translation>
    </message>
    <message>
        <source>Not undone: {reason}</source>
        <translation>Ikke angret: {reason}</translation>
    </message>
    <message>
        <source>Not undone: the record was changed since the resolution, so nothing was overwritten. It is now a “Changed in both” error: resolve it as usual. ({details})</source>
        <translation>Ikke angret: posten er endret siden løsningen, så ingenting ble overskrevet. Den er nå en «Endret i begge»-feil: løs den som vanlig. ({details})</translation>
    </message>
    <message>
        <source>Undone: the values from before the resolution are back. {details}.</source>
        <translation>Angret: verdiene fra før løsningen er tilbake. {details}.</translation>
    </message>
    <message>
        <source>Error {id} is open again.</source>
        <translation>Feil {id} er åpen igjen.</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>Comment for the journal (optional)</source>
        <translation>Kommentar til journalen (valgfritt)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Line {line} of the fields, “{text}”: expected “ERP column = CRM column”, or one name when both columns are called the same.</source>
        <translation>Linje {line} i feltene, «{text}»: forventet «ERP-kolonne = CRM-kolonne», eller ett navn når begge kolonnene heter det samme.</translation>
    </message>
    <message>
        <source>Name at least one field to synchronize.</source>
        <translation>Angi minst ett felt som skal synkroniseres.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Dette feltet må fylles ut.</translation>
    </message>
    <message>
        <source>Choose how the app is reached: {kinds}.</source>
        <translation>Velg hvordan appen nås: {kinds}.</translation>
    </message>
    <message>
        <source>Choose how to sign in: {choices}.</source>
        <translation>Velg hvordan det logges på: {choices}.</translation>
    </message>
    <message>
        <source>This is not the address of a web service. Example: {example}</source>
        <translation>Dette er ikke adressen til en webtjeneste. Eksempel: {example}</translation>
    </message>
    <message>
        <source>The client id is a GUID such as 11111111-2222-3333-4444-555555555555: copy the Application (client) ID from Entra (App registrations ▸ Overview).</source>
        <translation>Klient-ID-en er en GUID som 11111111-2222-3333-4444-555555555555: kopier program-ID-en (klient-ID) fra Entra (Appregistreringer ▸ Oversikt).</translation>
    </message>
    <message>
        <source>The company is its id, a GUID: sign in, then pick the company from the list.</source>
        <translation>Firmaet angis med sin ID, en GUID: logg på, og velg så firmaet i listen.</translation>
    </message>
    <message>
        <source>The tenant is a domain such as contoso.onmicrosoft.com, or the tenant&apos;s id.</source>
        <translation>Leietakeren er et domene som contoso.onmicrosoft.com, eller leietakerens ID.</translation>
    </message>
    <message>
        <source>Type the client secret here, or set {variable} in the environment.</source>
        <translation>Skriv klienthemmeligheten her, eller sett {variable} i miljøet.</translation>
    </message>
    <message>
        <source>Type the token here, or set {variable} in the environment.</source>
        <translation>Skriv tokenet her, eller sett {variable} i miljøet.</translation>
    </message>
    <message>
        <source>This is not a database URL. Examples: sqlite:///C:/data/erp.db, postgresql+psycopg://user@server/database, mysql+pymysql://user@server/database.</source>
        <translation>Dette er ikke en database-URL. Eksempler: sqlite:///C:/data/erp.db, postgresql+psycopg://bruker@server/database, mysql+pymysql://bruker@server/database.</translation>
    </message>
    <message>
        <source>Take the password out of the URL and type it in the password field: it is kept in the system keyring, never in the file.</source>
        <translation>Ta passordet ut av URL-en og skriv det i passordfeltet: det oppbevares i systemets nøkkelring, aldri i filen.</translation>
    </message>
    <message>
        <source>A password needs a user name in the URL, for example postgresql+psycopg://sync@server/database.</source>
        <translation>Et passord krever et brukernavn i URL-en, for eksempel postgresql+psycopg://sync@server/database.</translation>
    </message>
    <message>
        <source>desktop-sync keeps its own store in SQLite or PostgreSQL, for example sqlite:///state.db.</source>
        <translation>desktop-sync oppbevarer sin egen database i SQLite eller PostgreSQL, for eksempel sqlite:///state.db.</translation>
    </message>
    <message>
        <source>A database needs no sign-in: its password is enough.</source>
        <translation>En database trenger ingen pålogging: passordet er nok.</translation>
    </message>
    <message>
        <source>nothing answers at {host}{port}. Is the database server running there, and does it accept connections from this computer?</source>
        <translation>ingenting svarer på {host}{port}. Kjører databaseserveren der, og tar den imot tilkoblinger fra denne datamaskinen?</translation>
    </message>
    <message>
        <source>the server name “{host}” is not known. Check its spelling, or use its IP address.</source>
        <translation>servernavnet «{host}» er ukjent. Kontroller stavingen, eller bruk IP-adressen.</translation>
    </message>
    <message>
        <source>the server refused the user “{user}”. Check the user name in the URL and the password.</source>
        <translation>serveren avviste brukeren «{user}». Kontroller brukernavnet i URL-en og passordet.</translation>
    </message>
    <message>
        <source>the server has no database “{database}”. Check the name at the end of the URL.</source>
        <translation>serveren har ingen database «{database}». Kontroller navnet til slutt i URL-en.</translation>
    </message>
    <message>
        <source>no answer from {host} in time. Check the address, and any firewall or VPN between.</source>
        <translation>fikk ikke svar fra {host} i tide. Kontroller adressen, og eventuell brannmur eller VPN imellom.</translation>
    </message>
    <message>
        <source>Store: cannot create {path}: {folder} is not a folder you may write to.</source>
        <translation>Database: kan ikke opprette {path}: {folder} er ikke en mappe du kan skrive til.</translation>
    </message>
    <message>
        <source>Store: cannot be reached: {reason}</source>
        <translation>Database: kan ikke nås: {reason}</translation>
    </message>
    <message>
        <source>{app}: there is no database file {path}.</source>
        <translation>{app}: databasefilen {path} finnes ikke.</translation>
    </message>
    <message>
        <source>{app} cannot be reached: {reason}</source>
        <translation>{app} kan ikke nås: {reason}</translation>
    </message>
    <message>
        <source>{app} has no table “{table}”.</source>
        <translation>{app} har ingen tabell «{table}».</translation>
    </message>
    <message>
        <source>key column</source>
        <translation>nøkkelkolonne</translation>
    </message>
    <message>
        <source>last-modified column</source>
        <translation>kolonne for sist endret</translation>
    </message>
    <message>
        <source>field</source>
        <translation>felt</translation>
    </message>
    <message>
        <source>{app} table “{table}” has no column “{column}” ({role}).</source>
        <translation>Tabellen «{table}» i {app} har ingen kolonne «{column}» ({role}).</translation>
    </message>
    <message>
        <source>{app}: {reason}</source>
        <translation>{app}: {reason}</translation>
    </message>
    <message>
        <source>The system keyring refused the password ({reason}). Leave the password field empty and set {variable} in the environment instead.</source>
        <translation>Systemets nøkkelring avviste passordet ({reason}). La passordfeltet stå tomt, og angi heller {variable} i miljøet.</translation>
    </message>
    <message>
        <source>Connect my apps</source>
        <translation>Koble til appene mine</translation>
    </message>
    <message>
        <source>desktop-sync reaches each app through its database, by a database URL such as &lt;tt&gt;sqlite:///C:/data/erp.db&lt;/tt&gt;, &lt;tt&gt;postgresql+psycopg://user@server/erp&lt;/tt&gt; or &lt;tt&gt;mysql+pymysql://user@server/crm&lt;/tt&gt;, or through the web API of Business Central, Dynamics 365 Sales or another OData service (sign in from the form). Put no password in a URL: type it in the password field, and it is kept in the system keyring.</source>
        <translation>desktop-sync når hver app gjennom databasen, med en database-URL som &lt;tt&gt;sqlite:///C:/data/erp.db&lt;/tt&gt;, &lt;tt&gt;postgresql+psycopg://user@server/erp&lt;/tt&gt; eller &lt;tt&gt;mysql+pymysql://user@server/crm&lt;/tt&gt;, eller gjennom web-API-et til Business Central, Dynamics 365 Sales eller en annen OData-tjeneste (logg på fra skjemaet). Ikke legg passord i en URL: skriv det i passordfeltet, så lagres det i systemets nøkkelring.</translation>
    </message>
    <message>
        <source>Checking the connections</source>
        <translation>Kontrollerer tilkoblingene</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>Resultatet av kontrollen</translation>
    </message>
    <message>
        <source>Check and &amp;Save</source>
        <translation>Kontroller og l&amp;agre</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>K&amp;ontroller</translation>
    </message>
    <message>
        <source>Checking the store, {erp} and {crm}…</source>
        <translation>Kontrollerer databasen, {erp} og {crm} …</translation>
    </message>
    <message numerus="yes">
        <source>{app}: table “{table}” holds %n record(s).</source>
        <translation>
            <numerusform>{app}: tabellen «{table}» har %n post.</numerusform>
            <numerusform>{app}: tabellen «{table}» har %n poster.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything is in order: both apps answered, and every mapped table and column exists.</source>
        <translation>Alt er i orden: begge appene svarte, og alle tilordnede tabeller og kolonner finnes.</translation>
    </message>
    <message>
        <source>The configuration could not be written to {path}: {reason}</source>
        <translation>Konfigurasjonen kunne ikke skrives til {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Lagret i {path}.</translation>
    </message>
    <message>
        <source>Save with warnings?</source>
        <translation>Vil du lagre med advarsler?</translation>
    </message>
    <message>
        <source>The check found what synchronizing would do that you may not expect:</source>
        <translation>Kontrollen fant ting synkroniseringen ville gjøre som du kanskje ikke venter:</translation>
    </message>
    <message>
        <source>Save the configuration anyway?</source>
        <translation>Vil du lagre konfigurasjonen likevel?</translation>
    </message>
    <message>
        <source>Replace the configuration?</source>
        <translation>Vil du erstatte konfigurasjonen?</translation>
    </message>
    <message>
        <source>{path} exists already. Replace it?</source>
        <translation>{path} finnes allerede. Vil du erstatte den?</translation>
    </message>
    <message>
        <source>Signed in to {app}. Asking it what there is…</source>
        <translation>Logget på {app}. Spør hva som finnes …</translation>
    </message>
    <message>
        <source>{app} has no company in this environment.</source>
        <translation>{app} har ikke noe firma i dette miljøet.</translation>
    </message>
    <message numerus="yes">
        <source>Signed in to {app}. Pick the company from the list (%n found).</source>
        <translation>
            <numerusform>Logget på {app}. Velg firmaet i listen (%n funnet).</numerusform>
            <numerusform>Logget på {app}. Velg firmaet i listen (%n funnet).</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in to {app}; it answers.</source>
        <translation>Logget på {app}; den svarer.</translation>
    </message>
    <message>
        <source>Warnings (they do not stop saving):</source>
        <translation>Advarsler (de hindrer ikke lagring):</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>Nothing was saved:</source>
        <translation>Ingenting ble lagret:</translation>
    </message>
    <message>
        <source>Nothing was saved. {field}:</source>
        <translation>Ingenting ble lagret. {field}:</translation>
    </message>
    <message>
        <source>{app}: sign in first (the Sign in… button beside it).</source>
        <translation>{app}: logg på først (knappen Logg på… ved siden av).</translation>
    </message>
    <message>
        <source>{app} does not answer: {reason}</source>
        <translation>{app} svarer ikke: {reason}</translation>
    </message>
    <message>
        <source>{app} has no entity set “{table}” (check its name).</source>
        <translation>{app} har ikke noe enhetssett «{table}» (kontroller navnet).</translation>
    </message>
    <message>
        <source>key field</source>
        <translation>nøkkelfelt</translation>
    </message>
    <message>
        <source>last-modified field</source>
        <translation>felt for sist endret</translation>
    </message>
    <message>
        <source>{app} entity set “{table}” has no field “{column}” ({role}).</source>
        <translation>{app}-enhetssettet «{table}» har ikke feltet «{column}» ({role}).</translation>
    </message>
</context>
<context>
    <name>ConnectFields</name>
    <message>
        <source>desktop-sync&apos;s own store</source>
        <translation>desktop-syncs egen database</translation>
    </message>
    <message>
        <source>Database &amp;URL:</source>
        <translation>Database-&amp;URL:</translation>
    </message>
    <message>
        <source>Store database URL</source>
        <translation>URL til desktop-syncs database</translation>
    </message>
    <message>
        <source>A relative SQLite path is kept beside the configuration file. Use PostgreSQL when several people share one store.</source>
        <translation>En relativ SQLite-bane legges ved siden av konfigurasjonsfilen. Bruk PostgreSQL når flere personer deler én database.</translation>
    </message>
    <message>
        <source>Store password</source>
        <translation>Passord for desktop-syncs database</translation>
    </message>
    <message>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Table mapping</source>
        <translation>Tabelltilordning</translation>
    </message>
    <message>
        <source>Ma&amp;pping name:</source>
        <translation>Navn på &amp;tilordning:</translation>
    </message>
    <message>
        <source>Mapping name</source>
        <translation>Navn på tilordning</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Retning</translation>
    </message>
    <message>
        <source>Both ways</source>
        <translation>Begge veier</translation>
    </message>
    <message>
        <source>ERP → CRM only</source>
        <translation>Bare ERP → CRM</translation>
    </message>
    <message>
        <source>CRM → ERP only</source>
        <translation>Bare CRM → ERP</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>Retnin&amp;g:</translation>
    </message>
    <message>
        <source>&lt;b&gt;ERP&lt;/b&gt;</source>
        <translation>&lt;b&gt;ERP&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;CRM&lt;/b&gt;</source>
        <translation>&lt;b&gt;CRM&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>Ta&amp;bell:</translation>
    </message>
    <message>
        <source>ERP table</source>
        <translation>ERP-tabell</translation>
    </message>
    <message>
        <source>CRM table</source>
        <translation>CRM-tabell</translation>
    </message>
    <message>
        <source>&amp;Key column:</source>
        <translation>Nø&amp;kkelkolonne:</translation>
    </message>
    <message>
        <source>ERP key column</source>
        <translation>ERP-nøkkelkolonne</translation>
    </message>
    <message>
        <source>CRM key column</source>
        <translation>CRM-nøkkelkolonne</translation>
    </message>
    <message>
        <source>Last &amp;modified column:</source>
        <translation>Kolonne for sist &amp;endret:</translation>
    </message>
    <message>
        <source>ERP last-modified column</source>
        <translation>ERP-kolonne for sist endret</translation>
    </message>
    <message>
        <source>CRM last-modified column</source>
        <translation>CRM-kolonne for sist endret</translation>
    </message>
    <message>
        <source>For a web API, the table is its entity set (customers, accounts) and the columns are its fields (id, lastModifiedDateTime, modifiedon).</source>
        <translation>For et web-API er tabellen enhetssettet (customers, accounts) og kolonnene feltene (id, lastModifiedDateTime, modifiedon).</translation>
    </message>
    <message>
        <source>&amp;Fields to keep equal, one per line: &lt;tt&gt;ERP column = CRM column&lt;/tt&gt;, or one name when both columns are called the same:</source>
        <translation>&amp;Felt som skal holdes like, ett per linje: &lt;tt&gt;ERP-kolonne = CRM-kolonne&lt;/tt&gt;, eller ett navn når begge kolonnene heter det samme:</translation>
    </message>
    <message>
        <source>Fields to keep equal</source>
        <translation>Felt som skal holdes like</translation>
    </message>
    <message>
        <source>For example:</source>
        <translation>For eksempel:</translation>
    </message>
    <message>
        <source>The store and both apps</source>
        <translation>Databasen og begge appene</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>f.eks. {example}</translation>
    </message>
    <message>
        <source>only when the URL names a user</source>
        <translation>bare når URL-en har et brukernavn</translation>
    </message>
    <message>
        <source>SQL database</source>
        <translation>SQL-database</translation>
    </message>
    <message>
        <source>Business Central</source>
        <translation>Business Central</translation>
    </message>
    <message>
        <source>Dynamics 365 Sales</source>
        <translation>Dynamics 365 Sales</translation>
    </message>
    <message>
        <source>Other OData service</source>
        <translation>Annen OData-tjeneste</translation>
    </message>
    <message>
        <source>A person signs in (device code)</source>
        <translation>En person logger på (enhetskode)</translation>
    </message>
    <message>
        <source>The app registration&apos;s secret (client credentials)</source>
        <translation>Appregistreringens hemmelighet (klientlegitimasjon)</translation>
    </message>
    <message>
        <source>No sign-in</source>
        <translation>Ingen pålogging</translation>
    </message>
    <message>
        <source>A token (bearer)</source>
        <translation>Et token (bearer)</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passord:</translation>
    </message>
</context>
<context>
    <name>CoupleDialog</name>
    <message>
        <source>Couple to a {side} record</source>
        <translation>Koble til en {side}-post</translation>
    </message>
    <message>
        <source>Search {side} records by key or text…</source>
        <translation>Søk i {side}-poster etter nøkkel eller tekst …</translation>
    </message>
    <message>
        <source>Search records</source>
        <translation>Søk i poster</translation>
    </message>
    <message>
        <source>Matching records</source>
        <translation>Samsvarende poster</translation>
    </message>
    <message>
        <source>Coupled to</source>
        <translation>Koblet til</translation>
    </message>
    <message>
        <source>Show &amp;coupled records too</source>
        <translation>Vis også &amp;koblede poster</translation>
    </message>
    <message>
        <source>A coupled record cannot be picked; its coupling must be removed first</source>
        <translation>En koblet post kan ikke velges; koblingen må fjernes først</translation>
    </message>
    <message>
        <source>Compare at the next synchronization</source>
        <translation>Sammenlign ved neste synkronisering</translation>
    </message>
    <message>
        <source>Copy values from {side} now</source>
        <translation>Kopier verdiene fra {side} nå</translation>
    </message>
    <message>
        <source>Couple</source>
        <translation>Koble</translation>
    </message>
    <message>
        <source>Cannot search: {reason}</source>
        <translation>Kan ikke søke: {reason}</translation>
    </message>
    <message>
        <source>Already coupled; remove that coupling first</source>
        <translation>Allerede koblet; fjern den koblingen først</translation>
    </message>
    <message>
        <source> (first {n}; search to narrow)</source>
        <translation> (de første {n}; søk for å snevre inn)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n poster</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the record to couple to.</source>
        <translation>Velg posten du vil koble til.</translation>
    </message>
    <message>
        <source>That record is coupled to {key} already; remove that coupling first.</source>
        <translation>Den posten er allerede koblet til {key}; fjern den koblingen først.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Reading the dashboard…</source>
        <translation>Leser oversikten …</translation>
    </message>
    <message>
        <source>Dashboard summary</source>
        <translation>Sammendrag av oversikten</translation>
    </message>
    <message>
        <source>Mapping of the errors per day</source>
        <translation>Tilordning for feil per dag</translation>
    </message>
    <message>
        <source>All mappings</source>
        <translation>Alle tilordninger</translation>
    </message>
    <message>
        <source>Dashboard charts</source>
        <translation>Diagrammer i oversikten</translation>
    </message>
    <message>
        <source>Open errors per day, last 30 days</source>
        <translation>Åpne feil per dag, siste 30 dager</translation>
    </message>
    <message>
        <source>Open errors by mapping</source>
        <translation>Åpne feil per tilordning</translation>
    </message>
    <message>
        <source>Records synchronized per day</source>
        <translation>Poster synkronisert per dag</translation>
    </message>
    <message>
        <source>Time spent synchronizing per day</source>
        <translation>Tid brukt på synkronisering per dag</translation>
    </message>
    <message>
        <source>Records by coupling state</source>
        <translation>Poster etter koblingsstatus</translation>
    </message>
    <message>
        <source>Next runs of the job queue</source>
        <translation>Neste kjøringer i jobbkøen</translation>
    </message>
    <message>
        <source>&amp;Mapping:</source>
        <translation>&amp;Tilordning:</translation>
    </message>
    <message>
        <source>Cannot read the dashboard: {reason}</source>
        <translation>Kan ikke lese oversikten: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n open error(s)</source>
        <translation>
            <numerusform>%n åpen feil</numerusform>
            <numerusform>%n åpne feil</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n mapping(s)</source>
        <translation>
            <numerusform> i %n tilordning</numerusform>
            <numerusform> i %n tilordninger</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in the last 30 days</source>
        <translation>
            <numerusform>%n jobb de siste 30 dagene</numerusform>
            <numerusform>%n jobber de siste 30 dagene</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n record(s) failed</source>
        <translation>
            <numerusform>, %n post mislyktes</numerusform>
            <numerusform>, %n poster mislyktes</numerusform>
        </translation>
    </message>
    <message>
        <source>next run: {mapping} at {when}</source>
        <translation>neste kjøring: {mapping} kl. {when}</translation>
    </message>
    <message>
        <source>{day}: {n} {kind} open at the end of the day ({mapping}). Click to list them.</source>
        <translation>{day}: {n} {kind} åpne ved dagens slutt ({mapping}). Klikk for å vise dem.</translation>
    </message>
    <message>
        <source>all mappings</source>
        <translation>alle tilordninger</translation>
    </message>
    <message>
        <source>Open errors at the end of each of the last {days} days, {mapping}: {first} on {start}, {last} today, at most {most}.</source>
        <translation>Åpne feil ved slutten av hver av de siste {days} dagene, {mapping}: {first} den {start}, {last} i dag, høyst {most}.</translation>
    </message>
    <message>
        <source>No open errors in the last 30 days</source>
        <translation>Ingen åpne feil de siste 30 dagene</translation>
    </message>
    <message>
        <source>{mapping}: {n} {kind} open. Click to list them.</source>
        <translation>{mapping}: {n} {kind} åpne. Klikk for å vise dem.</translation>
    </message>
    <message>
        <source>Open errors now by mapping: {counts}.</source>
        <translation>Åpne feil nå per tilordning: {counts}.</translation>
    </message>
    <message>
        <source>No open errors</source>
        <translation>Ingen åpne feil</translation>
    </message>
    <message>
        <source>{day}: {n} record(s) {counter} by {jobs} job(s). Click to list the jobs.</source>
        <translation>{day}: {n} post(er) {counter} av {jobs} jobb(er). Klikk for å vise jobbene.</translation>
    </message>
    <message>
        <source>{jobs} jobs on {days} of the last {all} days; records {counts}.</source>
        <translation>{jobs} jobber på {days} av de siste {all} dagene; poster {counts}.</translation>
    </message>
    <message>
        <source>No jobs in the last 30 days</source>
        <translation>Ingen jobber de siste 30 dagene</translation>
    </message>
    <message>
        <source>all jobs</source>
        <translation>alle jobber</translation>
    </message>
    <message>
        <source>the longest job</source>
        <translation>den lengste jobben</translation>
    </message>
    <message>
        <source>{day}: {value} {unit}, {what}. Click to list the jobs.</source>
        <translation>{day}: {value} {unit}, {what}. Klikk for å vise jobbene.</translation>
    </message>
    <message>
        <source>all jobs of the day</source>
        <translation>alle dagens jobber</translation>
    </message>
    <message>
        <source>The longest job of the last 30 days took {value} {unit}.</source>
        <translation>Den lengste jobben de siste 30 dagene tok {value} {unit}.</translation>
    </message>
    <message>
        <source>Synchronizing</source>
        <translation>Synkroniseres</translation>
    </message>
    <message>
        <source>Skipped (open error)</source>
        <translation>Hoppet over (åpen feil)</translation>
    </message>
    <message>
        <source>Write under way</source>
        <translation>Skriving pågår</translation>
    </message>
    <message>
        <source>Other record not made yet</source>
        <translation>Den andre posten er ikke laget ennå</translation>
    </message>
    <message>
        <source>{mapping}: {n} record(s), {state}. Click to list them.</source>
        <translation>{mapping}: {n} post(er), {state}. Klikk for å vise dem.</translation>
    </message>
    <message>
        <source>Coupled records by mapping: {counts}.</source>
        <translation>Koblede poster per tilordning: {counts}.</translation>
    </message>
    <message>
        <source>No coupled records yet</source>
        <translation>Ingen koblede poster ennå</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>klar</translation>
    </message>
    <message>
        <source>in process</source>
        <translation>kjører</translation>
    </message>
    <message>
        <source>error</source>
        <translation>feil</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>på vent</translation>
    </message>
    <message>
        <source>No job queue entries</source>
        <translation>Ingen oppføringer i jobbkøen</translation>
    </message>
    <message>
        <source>The job queue has no entries.</source>
        <translation>Jobbkøen har ingen oppføringer.</translation>
    </message>
    <message>
        <source>{mapping}: next run {when}, {status}. {last} Click to show the entry.</source>
        <translation>{mapping}: neste kjøring {when}, {status}. {last} Klikk for å vise oppføringen.</translation>
    </message>
    <message>
        <source>hours after the first, at {when}</source>
        <translation>timer etter den første, kl. {when}</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <source>Error {id}</source>
        <translation>Feil {id}</translation>
    </message>
    <message>
        <source>Error message and details</source>
        <translation>Feilmelding og detaljer</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopier</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>finnes</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>mangler</translation>
    </message>
    <message>
        <source>Failed on</source>
        <translation>Feiltidspunkt</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
</context>
<context>
    <name>DeviceCodeDialog</name>
    <message>
        <source>Sign in to {app}</source>
        <translation>Logg på {app}</translation>
    </message>
    <message>
        <source>Asking Microsoft Entra ID for a sign-in code…</source>
        <translation>Ber Microsoft Entra ID om en påloggingskode …</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>Påloggingskode</translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation>&amp;Kopier kode</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>Påloggingsside</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>Å&amp;pne lenke</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Kode:</translation>
    </message>
    <message>
        <source>Page:</source>
        <translation>Side:</translation>
    </message>
    <message>
        <source>Waiting for the sign-in</source>
        <translation>Venter på påloggingen</translation>
    </message>
    <message>
        <source>Open the page below in a browser, enter the code and sign in with your account for {app}. This window closes by itself when you have signed in; the code is valid for {minutes} minutes.</source>
        <translation>Åpne siden nedenfor i en nettleser, skriv inn koden og logg på med kontoen din for {app}. Dette vinduet lukkes av seg selv når du har logget på; koden gjelder i {minutes} minutter.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
</context>
<context>
    <name>DiagnosisPanel</name>
    <message>
        <source>Why this record is not synchronizing</source>
        <translation>Hvorfor denne posten ikke synkroniseres</translation>
    </message>
    <message>
        <source>Keeps it out</source>
        <translation>Holder den utenfor</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advarsel</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Merknad</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Why is this record not synchronizing?</source>
        <translation>Hvorfor synkroniseres ikke denne posten?</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Hva du kan gjøre:</translation>
    </message>
</context>
<context>
    <name>ErrorActions</name>
    <message>
        <source>Remove Coupling</source>
        <translation>Fjern kobling</translation>
    </message>
    <message>
        <source>Uncouple the records; they stay in both apps but are no longer synchronized</source>
        <translation>Opphever koblingen av postene; de blir værende i begge appene, men synkroniseres ikke lenger</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Prøv på nytt</translation>
    </message>
    <message>
        <source>Include the records in the next synchronization</source>
        <translation>Inkluderer postene i neste synkronisering</translation>
    </message>
    <message>
        <source>Retry All</source>
        <translation>Prøv alle på nytt</translation>
    </message>
    <message>
        <source>Retry every error in the list as filtered</source>
        <translation>Prøver alle feilene i den filtrerte listen på nytt</translation>
    </message>
    <message>
        <source>Synchronize…</source>
        <translation>Synkroniser …</translation>
    </message>
    <message>
        <source>Choose, field by field, which version both apps get</source>
        <translation>Velg, felt for felt, hvilken versjon av posten som skal brukes i begge appene</translation>
    </message>
    <message>
        <source>Restore Records</source>
        <translation>Gjenopprett poster</translation>
    </message>
    <message>
        <source>Recreate each record in the app it was deleted from</source>
        <translation>Gjenskaper hver post i appen der den ble slettet</translation>
    </message>
    <message>
        <source>Delete Records</source>
        <translation>Slett poster</translation>
    </message>
    <message>
        <source>Delete each record in the app where it still exists</source>
        <translation>Sletter hver post i appen der den fortsatt finnes</translation>
    </message>
    <message>
        <source>Set Up Coupling…</source>
        <translation>Konfigurer kobling …</translation>
    </message>
    <message>
        <source>Couple the record to another record of the other app</source>
        <translation>Kobler posten til en annen post i den andre appen</translation>
    </message>
    <message>
        <source>Synchronization Log</source>
        <translation>Synkroniseringslogg</translation>
    </message>
    <message>
        <source>The synchronization log of the selected record</source>
        <translation>Synkroniseringsloggen for den valgte posten</translation>
    </message>
    <message>
        <source>Find Deleted</source>
        <translation>Finn slettede</translation>
    </message>
    <message>
        <source>Look for coupled records deleted in one app while nothing changed in the other</source>
        <translation>Ser etter koblede poster som er slettet i én app mens ingenting er endret i den andre</translation>
    </message>
    <message>
        <source>Compare All Records</source>
        <translation>Sammenlign alle poster</translation>
    </message>
    <message>
        <source>Compare every coupled pair by value, whatever the last-modified values say, and copy what one app changed</source>
        <translation>Sammenlign hvert koblede par etter verdi, uansett hva sist endret-verdiene sier, og kopier det én app har endret</translation>
    </message>
    <message>
        <source>Show Details</source>
        <translation>Vis detaljer</translation>
    </message>
    <message>
        <source>The full message and technical detail</source>
        <translation>Hele meldingen og de tekniske detaljene</translation>
    </message>
    <message>
        <source>Open Record</source>
        <translation>Åpne post</translation>
    </message>
    <message>
        <source>Open the record window</source>
        <translation>Åpner postvinduet</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Oppdater</translation>
    </message>
    <message>
        <source>Read the errors again</source>
        <translation>Leser feilene på nytt</translation>
    </message>
    <message>
        <source>Apply to Similar Errors…</source>
        <translation>Bruk på lignende feil …</translation>
    </message>
    <message>
        <source>One decision for every open error like the selected one: same mapping and kind, the same conflicting fields or message</source>
        <translation>Én avgjørelse for alle åpne feil som ligner den valgte: samme tilordning og type, de samme feltene i konflikt eller samme melding</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>Regler …</translation>
    </message>
    <message>
        <source>The rules that settle conflicts by themselves; switch them on or off</source>
        <translation>Reglene som løser konflikter av seg selv; slå dem på eller av</translation>
    </message>
    <message>
        <source>Select one or more errors first</source>
        <translation>Velg én eller flere feil først</translation>
    </message>
    <message>
        <source>Open the errors list first</source>
        <translation>Åpne listen over feil først</translation>
    </message>
    <message>
        <source>Select exactly one error</source>
        <translation>Velg nøyaktig én feil</translation>
    </message>
    <message>
        <source>Wait for the current action to finish</source>
        <translation>Vent til gjeldende handling er ferdig</translation>
    </message>
    <message>
        <source>Never coupled: creating the record in the other app failed. Correct it and use Retry</source>
        <translation>Aldri koblet: posten kunne ikke opprettes i den andre appen. Rett den og bruk Prøv på nytt</translation>
    </message>
    <message>
        <source>Synchronize applies to records changed in both apps or that failed</source>
        <translation>Synkroniser gjelder poster som er endret i begge appene, eller som mislyktes</translation>
    </message>
    <message>
        <source>Nothing to choose between: the record exists in one app only. Correct what the message names, then use Retry</source>
        <translation>Ingenting å velge mellom: posten finnes bare i én app. Rett det meldingen nevner, og bruk deretter Prøv på nytt</translation>
    </message>
    <message>
        <source>Restore applies only to records deleted in one app</source>
        <translation>Gjenopprett gjelder bare poster som er slettet i én av appene</translation>
    </message>
    <message>
        <source>Delete applies only to records deleted in one app</source>
        <translation>Slett gjelder bare poster som er slettet i én av appene</translation>
    </message>
    <message>
        <source>The list is empty</source>
        <translation>Listen er tom</translation>
    </message>
    <message>
        <source>Removing couplings</source>
        <translation>Fjerner koblinger</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Prøver på nytt</translation>
    </message>
    <message numerus="yes">
        <source>Retry all %n error(s) in the list?</source>
        <translation>
            <numerusform>Vil du prøve den ene feilen i listen på nytt?</numerusform>
            <numerusform>Vil du prøve alle de %n feilene i listen på nytt?</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrying all</source>
        <translation>Prøver alle på nytt</translation>
    </message>
    <message>
        <source>Synchronize</source>
        <translation>Synkroniser</translation>
    </message>
    <message>
        <source>Restoring records</source>
        <translation>Gjenoppretter poster</translation>
    </message>
    <message>
        <source>Deleting records</source>
        <translation>Sletter poster</translation>
    </message>
    <message>
        <source>Set Up Coupling</source>
        <translation>Konfigurer kobling</translation>
    </message>
    <message>
        <source>Couple {side} record {key} to another {other} record instead of {current}.</source>
        <translation>Koble {side}-posten {key} til en annen {other}-post i stedet for {current}.</translation>
    </message>
    <message>
        <source>Coupling</source>
        <translation>Kobler</translation>
    </message>
    <message>
        <source>Finding deleted records</source>
        <translation>Finner slettede poster</translation>
    </message>
    <message>
        <source>Comparing every coupled pair</source>
        <translation>Sammenligner hvert koblede par</translation>
    </message>
    <message numerus="yes">
        <source>%n deleted record(s) found</source>
        <translation>
            <numerusform>%n slettet post funnet</numerusform>
            <numerusform>%n slettede poster funnet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorsModel</name>
    <message>
        <source>Changed in both</source>
        <translation>Endret i begge</translation>
    </message>
    <message>
        <source>Deleted in {side}</source>
        <translation>Slettet i {side}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislyktes</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Tilordning</translation>
    </message>
    <message>
        <source>{side} record</source>
        <translation>{side}-post</translation>
    </message>
    <message>
        <source>Record exists</source>
        <translation>Posten finnes</translation>
    </message>
    <message>
        <source>Coupled to ({side})</source>
        <translation>Koblet til ({side})</translation>
    </message>
    <message>
        <source>Coupled record exists</source>
        <translation>Koblet post finnes</translation>
    </message>
    <message>
        <source>Being resolved by another person</source>
        <translation>Behandles av en annen person</translation>
    </message>
    <message>
        <source>Failed errors: how many times in a row, and whether it is retried by itself or needs a person</source>
        <translation>Mislykkede feil: hvor mange ganger på rad, og om den prøves på nytt av seg selv eller trenger en person</translation>
    </message>
    <message>
        <source>Exists</source>
        <translation>Finnes</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Failed on</source>
        <translation>Feiltidspunkt</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
    <message>
        <source>Resolving</source>
        <translation>I arbeid</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Forsøk</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <source>Resolved {time}</source>
        <translation>Løst {time}</translation>
    </message>
    <message>
        <source>{user} since {time}</source>
        <translation>{user} siden {time}</translation>
    </message>
    <message>
        <source>{count}× · needs a person</source>
        <translation>{count}× · trenger en person</translation>
    </message>
    <message>
        <source>{count}× · at the next synchronization</source>
        <translation>{count}× · ved neste synkronisering</translation>
    </message>
    <message>
        <source>{count}× · next try at {time}</source>
        <translation>{count}× · neste forsøk kl. {time}</translation>
    </message>
    <message numerus="yes">
        <source>Failed %n time(s) in a row with this message.</source>
        <translation>
            <numerusform>Mislyktes %n gang på rad med denne meldingen.</numerusform>
            <numerusform>Mislyktes %n ganger på rad med denne meldingen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Trying again will not help by itself: a person must correct the record, then use Retry.</source>
        <translation>Et nytt forsøk hjelper ikke av seg selv: en person må rette posten og så bruke Prøv på nytt.</translation>
    </message>
    <message>
        <source>A passing fault: it is retried by itself at the mapping&apos;s next synchronization.</source>
        <translation>En forbigående feil: den prøves på nytt av seg selv ved tilordningens neste synkronisering.</translation>
    </message>
    <message>
        <source>A passing fault: it is retried by itself at {time}.</source>
        <translation>En forbigående feil: den prøves på nytt av seg selv kl. {time}.</translation>
    </message>
    <message>
        <source>Being resolved by {user}</source>
        <translation>Behandles av {user}</translation>
    </message>
    <message>
        <source>Being resolved by {user} since {time}</source>
        <translation>Behandles av {user} siden {time}</translation>
    </message>
</context>
<context>
    <name>ErrorsView</name>
    <message>
        <source>Search errors</source>
        <translation>Søk i feil</translation>
    </message>
    <message>
        <source>Mapping filter</source>
        <translation>Filter for tilordning</translation>
    </message>
    <message>
        <source>All mappings</source>
        <translation>Alle tilordninger</translation>
    </message>
    <message>
        <source>Error kind filter</source>
        <translation>Filter for feiltype</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle typer</translation>
    </message>
    <message>
        <source>Day filter</source>
        <translation>Dagfilter</translation>
    </message>
    <message>
        <source>&amp;Needs a person only</source>
        <translation>&amp;Bare de som trenger en person</translation>
    </message>
    <message>
        <source>Leave out the failures that are retried by themselves (passing faults)</source>
        <translation>Utelat feilene som prøves på nytt av seg selv (forbigående feil)</translation>
    </message>
    <message>
        <source>Search messages, keys, names, e-mails…</source>
        <translation>Søk i meldinger, nøkler, navn, e-post …</translation>
    </message>
    <message>
        <source>Number of errors</source>
        <translation>Antall feil</translation>
    </message>
    <message>
        <source>Coupled data synchronization errors</source>
        <translation>Feil ved synkronisering av koblede data</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Feildetaljer</translation>
    </message>
    <message>
        <source>Open at the end of {day}</source>
        <translation>Åpne ved slutten av {day}</translation>
    </message>
    <message>
        <source>Errors open at the end of {day}; press to clear</source>
        <translation>Feil som var åpne ved slutten av {day}; trykk for å fjerne</translation>
    </message>
    <message>
        <source>Listing the errors open at the end of {day} (UTC), those resolved since included. Press to list the errors open now.</source>
        <translation>Viser feilene som var åpne ved slutten av {day} (UTC), også de som er løst siden. Trykk for å vise feilene som er åpne nå.</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n feil</numerusform>
            <numerusform>%n feil</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n errors selected.</source>
        <translation>
            <numerusform>%n feil er valgt.</numerusform>
            <numerusform>%n feil er valgt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an error to see its whole message and details.</source>
        <translation>Velg en feil for å se hele meldingen og detaljene.</translation>
    </message>
    <message>
        <source>failed on</source>
        <translation>feiltidspunkt</translation>
    </message>
    <message>
        <source>job</source>
        <translation>jobb</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Eksporter …</translation>
    </message>
    <message>
        <source>Write the errors list, the journal or the jobs to a CSV or XLSX file</source>
        <translation>Skriv feillisten, journalen eller jobbene til en CSV- eller XLSX-fil</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Eksporter</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Hva</translation>
    </message>
    <message numerus="yes">
        <source>The &amp;errors list as shown now: %n error(s), with its filter and sort</source>
        <translation>
            <numerusform>Fei&amp;llisten slik den vises nå: %n feil, med filter og sortering</numerusform>
            <numerusform>Fei&amp;llisten slik den vises nå: %n feil, med filter og sortering</numerusform>
        </translation>
    </message>
    <message>
        <source>The &amp;journal: every write to the apps, values before and after</source>
        <translation>&amp;Journalen: hver skriving til appene, verdier før og etter</translation>
    </message>
    <message>
        <source>The synchronization j&amp;obs with their counters</source>
        <translation>Synkroniseringsj&amp;obbene med tellerne sine</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>&amp;CSV (text, comma-separated)</source>
        <translation>&amp;CSV (tekst, kommaseparert)</translation>
    </message>
    <message>
        <source>E&amp;xcel workbook (XLSX)</source>
        <translation>E&amp;xcel-arbeidsbok (XLSX)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fil:</translation>
    </message>
    <message>
        <source>File to write</source>
        <translation>Fil som skal skrives</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom …</translation>
    </message>
    <message>
        <source>Ex&amp;port</source>
        <translation>Eks&amp;porter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Eksportfremdrift</translation>
    </message>
    <message>
        <source>What the export did</source>
        <translation>Hva eksporten gjorde</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>feil</translation>
    </message>
    <message>
        <source>journal</source>
        <translation>journal</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>jobber</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-arbeidsbøker (*.xlsx)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Eksporter til</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist. Choose another file.</source>
        <translation>Mappen {folder} finnes ikke. Velg en annen fil.</translation>
    </message>
    <message>
        <source>{path} is a folder. Choose a file name.</source>
        <translation>{path} er en mappe. Velg et filnavn.</translation>
    </message>
    <message>
        <source>You may not write in the folder {folder}. Choose another folder.</source>
        <translation>Du har ikke lov til å skrive i mappen {folder}. Velg en annen mappe.</translation>
    </message>
    <message>
        <source>{name} cannot be overwritten. Choose another file.</source>
        <translation>{name} kan ikke overskrives. Velg en annen fil.</translation>
    </message>
    <message>
        <source>Choose the file to write first.</source>
        <translation>Velg først filen som skal skrives.</translation>
    </message>
    <message>
        <source>Waiting for the running action to finish…</source>
        <translation>Venter til den pågående handlingen er ferdig …</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Skriver {name} …</translation>
    </message>
    <message>
        <source>Exporting to {name}</source>
        <translation>Eksporterer til {name}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter …</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written…</source>
        <translation>
            <numerusform>%n rad skrevet …</numerusform>
            <numerusform>%n rader skrevet …</numerusform>
        </translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}. Nothing was exported.</source>
        <translation>{path} kunne ikke skrives: {reason}. Ingenting ble eksportert.</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written ({path}).</source>
        <translation>Eksporten ble avbrutt: ingen fil ble skrevet ({path}).</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}.</source>
        <translation>
            <numerusform>%n rad skrevet til {path}.</numerusform>
            <numerusform>%n rader skrevet til {path}.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export stopped: {reason}</source>
        <translation>Eksporten stoppet: {reason}</translation>
    </message>
</context>
<context>
    <name>FieldsModel</name>
    <message>
        <source> · (missing)</source>
        <translation> · (mangler)</translation>
    </message>
    <message>
        <source> (missing)</source>
        <translation> (mangler)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation>Sist endret</translation>
    </message>
    <message>
        <source>Synchronized both ways</source>
        <translation>Synkroniseres begge veier</translation>
    </message>
    <message>
        <source>Copied from {a} to {b} only</source>
        <translation>Kopieres bare fra {a} til {b}</translation>
    </message>
</context>
<context>
    <name>Held</name>
    <message>
        <source>Error {id} ({mapping} {keys})</source>
        <translation>Feil {id} ({mapping} {keys})</translation>
    </message>
    <message>
        <source>The error does not exist any more; nothing was tried.</source>
        <translation>Feilen finnes ikke lenger; ingenting ble forsøkt.</translation>
    </message>
    <message>
        <source>{error} was already resolved by {user} at {time}; nothing was tried.</source>
        <translation>{error} ble allerede løst av {user} kl. {time}; ingenting ble forsøkt.</translation>
    </message>
    <message>
        <source>{error} is being resolved by {user} since {time}; nothing was tried.</source>
        <translation>{error} behandles av {user} siden {time}; ingenting ble forsøkt.</translation>
    </message>
    <message>
        <source>{error} is being resolved by somebody else; nothing was tried.</source>
        <translation>{error} behandles av noen andre; ingenting ble forsøkt.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Retry</source>
        <translation>Prøv på nytt</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>Prøvd på nytt</translation>
    </message>
    <message>
        <source>Remove Coupling</source>
        <translation>Fjern kobling</translation>
    </message>
    <message>
        <source>Synchronize</source>
        <translation>Synkroniser</translation>
    </message>
    <message>
        <source>Restore Records</source>
        <translation>Gjenopprett poster</translation>
    </message>
    <message>
        <source>Delete Records</source>
        <translation>Slett poster</translation>
    </message>
    <message>
        <source>Set Up Coupling</source>
        <translation>Konfigurer kobling</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Angre</translation>
    </message>
    <message>
        <source>Synchronization</source>
        <translation>Synkronisering</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Løst</translation>
    </message>
    <message>
        <source>Resolved by</source>
        <translation>Løst av</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hvordan</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Tilordning</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Enter or double-click opens the record&apos;s changes</source>
        <translation>Enter eller dobbeltklikk åpner endringene i posten</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>All mappings</source>
        <translation>Alle tilordninger</translation>
    </message>
    <message>
        <source>Mapping filter</source>
        <translation>Filter for tilordning</translation>
    </message>
    <message>
        <source>Resolved by…</source>
        <translation>Løst av …</translation>
    </message>
    <message>
        <source>Resolved by (a person&apos;s name)</source>
        <translation>Løst av (en persons navn)</translation>
    </message>
    <message>
        <source>Search messages and keys…</source>
        <translation>Søk i meldinger og nøkler …</translation>
    </message>
    <message>
        <source>Search resolved errors</source>
        <translation>Søk i løste feil</translation>
    </message>
    <message>
        <source>Number of resolved errors</source>
        <translation>Antall løste feil</translation>
    </message>
    <message>
        <source>Resolved synchronization errors</source>
        <translation>Løste synkroniseringsfeil</translation>
    </message>
    <message numerus="yes">
        <source>%n resolved error(s) or more</source>
        <translation>
            <numerusform>%n løst feil eller flere</numerusform>
            <numerusform>%n løste feil eller flere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resolved error(s)</source>
        <translation>
            <numerusform>%n løst feil</numerusform>
            <numerusform>%n løste feil</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntervalDialog</name>
    <message>
        <source>Change Interval — {mapping}</source>
        <translation>Endre intervall — {mapping}</translation>
    </message>
    <message>
        <source>How often the job queue synchronizes {mapping}. After runs that find nothing to do it waits twice as long each time, up to the longest back-off; a run that changes something starts over.</source>
        <translation>Hvor ofte jobbkøen synkroniserer {mapping}. Etter kjøringer som ikke finner noe å gjøre, venter den dobbelt så lenge hver gang, opp til den lengste ventetiden; en kjøring som endrer noe, begynner forfra.</translation>
    </message>
    <message>
        <source>Interval in minutes</source>
        <translation>Intervall i minutter</translation>
    </message>
    <message>
        <source>Longest back-off in minutes</source>
        <translation>Lengste ventetid i minutter</translation>
    </message>
    <message>
        <source>&amp;Run every:</source>
        <translation>&amp;Kjør hvert:</translation>
    </message>
    <message>
        <source>&amp;Longest back-off:</source>
        <translation>&amp;Lengste ventetid:</translation>
    </message>
    <message>
        <source>Why the interval was not changed</source>
        <translation>Hvorfor intervallet ikke ble endret</translation>
    </message>
    <message>
        <source>Change Interval</source>
        <translation>Endre intervall</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>Synchronization progress</source>
        <translation>Synkroniseringsfremdrift</translation>
    </message>
    <message>
        <source>Cancel synchronization</source>
        <translation>Avbryt synkroniseringen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>Avbryter etter gjeldende bunke …</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Tilordning</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fullført</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Startet av</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>Satt inn</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Endret</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Uendret</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Hoppet over</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislyktes</translation>
    </message>
    <message>
        <source>Coupled</source>
        <translation>Koblet</translation>
    </message>
    <message>
        <source>Uncoupled</source>
        <translation>Frakoblet</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>job queue</source>
        <translation>jobbkø</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>manuelt</translation>
    </message>
</context>
<context>
    <name>JobsView</name>
    <message>
        <source>Synchronization jobs</source>
        <translation>Synkroniseringsjobber</translation>
    </message>
    <message>
        <source>Errors of the selected job</source>
        <translation>Feil i den valgte jobben</translation>
    </message>
    <message>
        <source>Select a job to see its errors.</source>
        <translation>Velg en jobb for å se feilene i den.</translation>
    </message>
    <message>
        <source>Show &amp;All Jobs</source>
        <translation>Vis &amp;alle jobber</translation>
    </message>
    <message>
        <source>Jobs of {mapping} started on {day}</source>
        <translation>Jobber for {mapping} startet {day}</translation>
    </message>
    <message>
        <source>Jobs started on {day}</source>
        <translation>Jobber startet {day}</translation>
    </message>
    <message>
        <source>Jobs of {mapping}</source>
        <translation>Jobber for {mapping}</translation>
    </message>
    <message>
        <source>Errors of job {id} ({mapping}, {status}), open and resolved:</source>
        <translation>Feil i jobb {id} ({mapping}, {status}), åpne og løste:</translation>
    </message>
</context>
<context>
    <name>LastResult</name>
    <message>
        <source>Last result</source>
        <translation>Siste resultat</translation>
    </message>
    <message>
        <source>{text}

Click to show job {id}.</source>
        <translation>{text}

Klikk for å vise jobb {id}.</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <source>Both ways</source>
        <translation>Begge veier</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Jobb</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Retning</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Bruker</translation>
    </message>
    <message>
        <source>Double-click to show job {id}</source>
        <translation>Dobbeltklikk for å vise jobb {id}</translation>
    </message>
    <message>
        <source>An action by a person</source>
        <translation>En handling utført av en person</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>Satt inn</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Endret</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Uendret</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Hoppet over</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislyktes</translation>
    </message>
    <message>
        <source>Coupled</source>
        <translation>Koblet</translation>
    </message>
    <message>
        <source>Uncoupled</source>
        <translation>Frakoblet</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Gjenopprettet</translation>
    </message>
    <message>
        <source>Retried</source>
        <translation>Prøvd på nytt</translation>
    </message>
    <message>
        <source>Resolved by a person</source>
        <translation>Løst av en person</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>manuelt</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <source>&amp;Synchronization</source>
        <translation>&amp;Synkronisering</translation>
    </message>
    <message>
        <source>Synchronize Mapping</source>
        <translation>Synkroniser tilordning</translation>
    </message>
    <message>
        <source>&amp;Errors</source>
        <translation>F&amp;eil</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot read the errors</source>
        <translation>Kan ikke lese feilene</translation>
    </message>
    <message>
        <source>The state store cannot be read: {message}</source>
        <translation>desktop-syncs database kan ikke leses: {message}</translation>
    </message>
    <message>
        <source>desktop-sync — {erp} and {crm}</source>
        <translation>desktop-sync — {erp} og {crm}</translation>
    </message>
    <message>
        <source>Coupled Data Synchronization Errors</source>
        <translation>Feil ved synkronisering av koblede data</translation>
    </message>
    <message>
        <source>Synchronization Jobs</source>
        <translation>Synkroniseringsjobber</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Poster</translation>
    </message>
    <message>
        <source>Job Queue</source>
        <translation>Jobbkø</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historikk</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Oversikt</translation>
    </message>
    <message>
        <source>Synchronize Now</source>
        <translation>Synkroniser nå</translation>
    </message>
    <message>
        <source>Synchronize every mapping now (F9); the arrow picks one mapping</source>
        <translation>Synkroniser alle tilordninger nå (F9); pilen velger én tilordning</translation>
    </message>
    <message>
        <source>All mappings</source>
        <translation>Alle tilordninger</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Stop the running synchronization after the current batch; what was done is kept</source>
        <translation>Stopp synkroniseringen etter gjeldende bunke; det som allerede er gjort, beholdes</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>&amp;About desktop-sync</source>
        <translation>&amp;Om desktop-sync</translation>
    </message>
    <message>
        <source>Search Errors</source>
        <translation>Søk i feil</translation>
    </message>
    <message>
        <source>Synchronizing {what}</source>
        <translation>Synkroniserer {what}</translation>
    </message>
    <message>
        <source>all mappings</source>
        <translation>alle tilordninger</translation>
    </message>
    <message>
        <source>About desktop-sync</source>
        <translation>Om desktop-sync</translation>
    </message>
    <message>
        <source>&lt;b&gt;desktop-sync {version}&lt;/b&gt;&lt;br&gt;Keeps {erp} and {crm} synchronized, and shows every problem in one window.</source>
        <translation>&lt;b&gt;desktop-sync {version}&lt;/b&gt;&lt;br&gt;Holder {erp} og {crm} synkronisert, og viser alle problemer i ett vindu.</translation>
    </message>
    <message>
        <source>Synchronization is running</source>
        <translation>Synkroniseringen kjører</translation>
    </message>
    <message>
        <source>Stop the running synchronization after its current batch and quit?</source>
        <translation>Vil du stoppe synkroniseringen etter gjeldende bunke og avslutte?</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>database error: {reason}</source>
        <translation>databasefeil: {reason}</translation>
    </message>
    <message>
        <source>database error in {app}: {reason}</source>
        <translation>databasefeil i {app}: {reason}</translation>
    </message>
    <message>
        <source>{app} ({url}) cannot be reached: {reason}</source>
        <translation>{app} ({url}) kan ikke nås: {reason}</translation>
    </message>
    <message>
        <source>{app} has no table {table}</source>
        <translation>{app} har ingen tabell {table}</translation>
    </message>
    <message>
        <source>a serialization failure</source>
        <translation>en serialiseringsfeil</translation>
    </message>
    <message>
        <source>a deadlock</source>
        <translation>en vranglås</translation>
    </message>
    <message>
        <source>a lock could not be taken in time</source>
        <translation>en lås kunne ikke tas i tide</translation>
    </message>
    <message>
        <source>a statement took longer than the statement timeout</source>
        <translation>en setning tok lengre tid enn tidsavbruddet for setninger</translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation>serveren holder på å slå seg av</translation>
    </message>
    <message>
        <source>the server is restarting after a crash</source>
        <translation>serveren starter på nytt etter et krasj</translation>
    </message>
    <message>
        <source>the server is starting up</source>
        <translation>serveren holder på å starte</translation>
    </message>
    <message>
        <source>too many connections</source>
        <translation>for mange tilkoblinger</translation>
    </message>
    <message>
        <source>cannot connect</source>
        <translation>kan ikke koble til</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>tilkoblingen ble brutt</translation>
    </message>
    <message>
        <source>a lock wait timed out</source>
        <translation>ventetiden på en lås gikk ut</translation>
    </message>
    <message>
        <source>the database is locked</source>
        <translation>databasen er låst</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>tilkoblingen mislyktes</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>tilkoblingen ble avvist</translation>
    </message>
    <message>
        <source>connecting timed out</source>
        <translation>tidsavbrudd ved tilkobling</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>tidsavbrudd for tilkoblingen</translation>
    </message>
    <message>
        <source>unknown host name</source>
        <translation>ukjent vertsnavn</translation>
    </message>
    <message>
        <source>No answer from {app} within {seconds} s. The job stopped and will run again by itself; nothing was lost.</source>
        <translation>Ikke noe svar fra {app} innen {seconds} s. Jobben stoppet og kjøres igjen av seg selv; ingenting gikk tapt.</translation>
    </message>
    <message>
        <source>{app} is busy: {reason}. The job stopped and will run again by itself; nothing was lost.</source>
        <translation>{app} er opptatt: {reason}. Jobben stoppet og kjøres igjen av seg selv; ingenting gikk tapt.</translation>
    </message>
    <message>
        <source>{app} cannot be reached: {reason}. The job stopped and will run again by itself; nothing was lost.</source>
        <translation>{app} kan ikke nås: {reason}. Jobben stoppet og kjøres igjen av seg selv; ingenting gikk tapt.</translation>
    </message>
    <message>
        <source>must be {n} or more</source>
        <translation>må være {n} eller mer</translation>
    </message>
    <message>
        <source>must be more than {n}</source>
        <translation>må være mer enn {n}</translation>
    </message>
    <message>
        <source>must be {n} or less</source>
        <translation>må være {n} eller mindre</translation>
    </message>
    <message>
        <source>must be less than {n}</source>
        <translation>må være mindre enn {n}</translation>
    </message>
    <message>
        <source>must be {n}</source>
        <translation>må være {n}</translation>
    </message>
    <message>
        <source>must be at most {n} characters long</source>
        <translation>kan være høyst {n} tegn lang</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>kan ikke være tom</translation>
    </message>
    <message>
        <source>must not be {n}</source>
        <translation>kan ikke være {n}</translation>
    </message>
    <message>
        <source>must be one of {values}</source>
        <translation>må være en av {values}</translation>
    </message>
    <message>
        <source>must be from {low} to {high}</source>
        <translation>må være fra {low} til {high}</translation>
    </message>
    <message>
        <source>must meet the rule {rule}</source>
        <translation>må oppfylle regelen {rule}</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>et tall</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>et heltall</translation>
    </message>
    <message>
        <source>a date</source>
        <translation>en dato</translation>
    </message>
    <message>
        <source>a date and time</source>
        <translation>en dato og et klokkeslett</translation>
    </message>
    <message>
        <source>a time of day</source>
        <translation>et klokkeslett</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>sann eller usann</translation>
    </message>
    <message>
        <source>a UUID</source>
        <translation>en UUID</translation>
    </message>
    <message>
        <source>{field} of {record} is empty, but {app} requires a value. Enter it {where}, then Retry.</source>
        <translation>{field} for {record} er tom, men {app} krever en verdi. Fyll den ut {where}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} {value} of {record} is already used by another record in {app}, where it must be unique. Change it {where} (or couple the two records with Set Up Coupling), then Retry.</source>
        <translation>{field} {value} for {record} brukes allerede av en annen post i {app}, der den må være unik. Endre den {where} (eller koble de to postene med Konfigurer kobling), og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} {value} of {record} names no record that exists in {app}. Correct it {where} (or create that record in {app} first), then Retry.</source>
        <translation>{field} {value} for {record} viser ikke til noen post som finnes i {app}. Rett den {where} (eller opprett den posten i {app} først), og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} {value} of {record} is not {kind}, which {app} requires there. Correct it {where}, then Retry.</source>
        <translation>{field} {value} for {record} er ikke {kind}, som {app} krever der. Rett den {where}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} {value} of {record} is too large for {app}. Correct it {where}, then Retry.</source>
        <translation>{field} {value} for {record} er for stor for {app}. Rett den {where}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{app} rejected {record}: {reason}. Correct the record in {source_app}, then Retry.</source>
        <translation>{app} avviste {record}: {reason}. Rett posten i {source_app}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{app} requires a value in {column}, which mapping {mapping} does not fill, so {record} cannot be written there. Map a field or a value to {column} in the configuration (or give the column a default in {app}), then Retry.</source>
        <translation>{app} krever en verdi i {column}, som tilordningen {mapping} ikke fyller ut, så {record} kan ikke skrives der. Tilordne et felt eller en verdi til {column} i konfigurasjonen (eller gi kolonnen en standardverdi i {app}), og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} of {record} is too long for {app} ({length} characters). Shorten it {where}, then Retry.</source>
        <translation>{field} for {record} er for lang for {app} ({length} tegn). Forkort den {where}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} of {record} is {length} characters long; {app} takes at most {limit}. Shorten it {where}, then Retry.</source>
        <translation>{field} for {record} er {length} tegn lang; {app} tar høyst {limit}. Forkort den {where}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>must meet its rule {rule}</source>
        <translation>må oppfylle regelen {rule}</translation>
    </message>
    <message>
        <source>{record} is not allowed in {app} ({requirement}). Correct it in {source_app}, then Retry.</source>
        <translation>{record} er ikke tillatt i {app} ({requirement}). Rett den i {source_app}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} {value} of {record} is not allowed in {app} ({requirement}). Correct it {where}, then Retry.</source>
        <translation>{field} {value} for {record} er ikke tillatt i {app} ({requirement}). Rett den {where}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
    <message>
        <source>{field} of {record} names {table} {key}, which has not been synchronized to {app} yet (mapping {related} has not coupled it), so {app} has no record to point to. Synchronize {table} {key} first (Why Not Synchronizing? on it says what keeps it out), then Retry.</source>
        <translation>{field} for {record} viser til {table} {key}, som ikke er synkronisert til {app} ennå (tilordningen {related} har ikke koblet den), så {app} har ingen post å vise til. Synkroniser {table} {key} først (Hvorfor synkroniseres den ikke? på den sier hva som holder den utenfor), og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} {value} of {record} has no counterpart in {app}: the value map of mapping {mapping} knows only {known}. Change it in {source_app}, or add it to the map in the configuration (or give default_{side}), then Retry.</source>
        <translation>{field} {value} for {record} har ingen motpart i {app}: verditabellen til tilordningen {mapping} kjenner bare {known}. Endre den i {source_app}, eller legg den til i tabellen i konfigurasjonen (eller angi default_{side}), og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{field} of {record} holds {raw}, which is not text (not UTF-8). Correct it in {app}, then Retry.</source>
        <translation>{field} for {record} inneholder {raw}, som ikke er tekst (ikke UTF-8). Rett den i {app}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>{record} of {app} cannot be read: {reason}. Correct it in {app}, then Retry.</source>
        <translation>{record} i {app} kan ikke leses: {reason}. Rett den i {app}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>in {app}</source>
        <translation>i {app}</translation>
    </message>
    <message>
        <source>in the configuration (mapping {mapping})</source>
        <translation>i konfigurasjonen (tilordningen {mapping})</translation>
    </message>
    <message>
        <source>a valid {kind} value</source>
        <translation>en gyldig verdi av typen {kind}</translation>
    </message>
    <message>
        <source>cancelled by the user; what was done before is kept</source>
        <translation>avbrutt av brukeren; det som ble gjort før, beholdes</translation>
    </message>
    <message>
        <source>internal error: {kind}: {reason}</source>
        <translation>intern feil: {kind}: {reason}</translation>
    </message>
    <message>
        <source>has an unresolved synchronization error</source>
        <translation>har en uløst synkroniseringsfeil</translation>
    </message>
    <message>
        <source>deleted in both apps; coupling removed</source>
        <translation>slettet i begge appene; koblingen er fjernet</translation>
    </message>
    <message>
        <source>not coupled, and the mapping synchronizes only coupled records</source>
        <translation>ikke koblet, og tilordningen synkroniserer bare koblede poster</translation>
    </message>
    <message>
        <source>inserted by a job that was interrupted; completed now</source>
        <translation>satt inn av en jobb som ble avbrutt; fullført nå</translation>
    </message>
    <message>
        <source>deleted in {app} by a job that was interrupted; completed now</source>
        <translation>slettet i {app} av en jobb som ble avbrutt; fullført nå</translation>
    </message>
    <message>
        <source>{compared} coupled pair compared by value, {differed} differed</source>
        <translation>{compared} koblet par sammenlignet etter verdi, {differed} var forskjellige</translation>
    </message>
    <message>
        <source>{compared} coupled pairs compared by value, {differed} differed</source>
        <translation>{compared} koblede par sammenlignet etter verdi, {differed} var forskjellige</translation>
    </message>
    <message>
        <source>back-filled {names}: {done}</source>
        <translation>fylte ut {names} i ettertid: {done}</translation>
    </message>
    <message>
        <source>{count} record(s) that had failed on a passing fault (a lost connection, a deadlock) retried by themselves</source>
        <translation>{count} post(er) som mislyktes på grunn av en forbigående feil (en brutt tilkobling, en vranglås), ble prøvd på nytt av seg selv</translation>
    </message>
    <message>
        <source>{app} record {key} (table {table}) is on {count} rows: {column} must name one record. Give the others their own key in {app}, then Retry.</source>
        <translation>{app}-posten {key} (tabellen {table}) finnes på {count} rader: {column} må vise til én post. Gi de andre sin egen nøkkel i {app}, og bruk deretter Prøv på nytt.</translation>
    </message>
    <message>
        <source>not synchronized: {why}</source>
        <translation>ikke synkronisert: {why}</translation>
    </message>
    <message>
        <source>the mapping&apos;s direction is {direction}</source>
        <translation>tilordningens retning er {direction}</translation>
    </message>
    <message>
        <source>{app} filter {column} = {wanted} excludes it ({column} is {value})</source>
        <translation>{app}-filteret {column} = {wanted} utelater den ({column} er {value})</translation>
    </message>
    <message>
        <source>deleted in {app} before it was synchronized</source>
        <translation>slettet i {app} før den ble synkronisert</translation>
    </message>
    <message>
        <source>deleted in {deleted}, so deleted in {remaining} too</source>
        <translation>slettet i {deleted}, derfor også slettet i {remaining}</translation>
    </message>
    <message>
        <source>deleted in {deleted}; coupling removed by the mapping&apos;s policy</source>
        <translation>slettet i {deleted}; koblingen er fjernet etter tilordningens regel</translation>
    </message>
    <message>
        <source>coupled to the equal {app} record {key}</source>
        <translation>koblet til den like {app}-posten {key}</translation>
    </message>
    <message>
        <source>not written: the {app} record changed while the job ran; it will be compared again next time</source>
        <translation>ikke skrevet: {app}-posten ble endret mens jobben kjørte; den sammenlignes på nytt neste gang</translation>
    </message>
    <message>
        <source>The {deleted} record {deleted_key} was deleted; the coupled {remaining} record {remaining_key} still exists and was changed in {remaining} since the last synchronization.</source>
        <translation>{deleted}-posten {deleted_key} ble slettet; den koblede {remaining}-posten {remaining_key} finnes fortsatt og er endret i {remaining} siden forrige synkronisering.</translation>
    </message>
    <message>
        <source>The {deleted} record {deleted_key} was deleted; the coupled {remaining} record {remaining_key} still exists.</source>
        <translation>{deleted}-posten {deleted_key} ble slettet; den koblede {remaining}-posten {remaining_key} finnes fortsatt.</translation>
    </message>
    <message>
        <source>Changed in both {erp} and {crm} since the last synchronization ({fields}).</source>
        <translation>Endret i både {erp} og {crm} siden forrige synkronisering ({fields}).</translation>
    </message>
    <message>
        <source>{app} record {record} cannot be synchronized: {kind}: {reason}</source>
        <translation>{app}-posten {record} kan ikke synkroniseres: {kind}: {reason}</translation>
    </message>
    <message>
        <source>Retry: included in the next synchronization</source>
        <translation>Prøv på nytt: tas med i neste synkronisering</translation>
    </message>
    <message>
        <source>Remove Coupling: the records are no longer synchronized</source>
        <translation>Fjern kobling: postene synkroniseres ikke lenger</translation>
    </message>
    <message>
        <source>coupled by hand</source>
        <translation>koblet manuelt</translation>
    </message>
    <message>
        <source>uncoupled by hand</source>
        <translation>koblingen opphevet manuelt</translation>
    </message>
    <message>
        <source>Restore Records: recreated in {app}</source>
        <translation>Gjenopprett poster: gjenskapt i {app}</translation>
    </message>
    <message>
        <source>Delete Records: deleted in {app}</source>
        <translation>Slett poster: slettet i {app}</translation>
    </message>
    <message>
        <source>Synchronize: {choice}</source>
        <translation>Synkroniser: {choice}</translation>
    </message>
    <message>
        <source>the {app} version was chosen</source>
        <translation>versjonen fra {app} ble valgt</translation>
    </message>
    <message>
        <source>chosen per field: {fields}</source>
        <translation>valgt per felt: {fields}</translation>
    </message>
    <message>
        <source>synchronized from {app} when coupled</source>
        <translation>synkronisert fra {app} ved kobling</translation>
    </message>
    <message>
        <source>Set Up Coupling: coupled to {app} record {key}</source>
        <translation>Konfigurer kobling: koblet til {app}-posten {key}</translation>
    </message>
    <message>
        <source>Nothing keeps this record from synchronizing</source>
        <translation>Ingenting hindrer denne posten i å synkroniseres</translation>
    </message>
    <message>
        <source>None of the integration settings leaves it out, and it has no unresolved error.</source>
        <translation>Ingen av integrasjonsinnstillingene utelater den, og den har ingen uløst feil.</translation>
    </message>
    <message>
        <source>Synchronize Now to have it reported, then choose Restore Records, Delete Records or Remove Coupling on its error.</source>
        <translation>Bruk Synkroniser nå for å få den rapportert, og velg deretter Gjenopprett poster, Slett poster eller Fjern kobling på feilen.</translation>
    </message>
    <message>
        <source>No such record in {this}</source>
        <translation>Ingen slik post i {this}</translation>
    </message>
    <message>
        <source>{this} has no record with key {key} in table {table}, and it is not coupled.</source>
        <translation>{this} har ingen post med nøkkelen {key} i tabellen {table}, og den er ikke koblet.</translation>
    </message>
    <message>
        <source>Check the key; the record may have been deleted.</source>
        <translation>Kontroller nøkkelen; posten kan ha blitt slettet.</translation>
    </message>
    <message>
        <source>Deleted in both apps</source>
        <translation>Slettet i begge appene</translation>
    </message>
    <message>
        <source>Neither this record nor the coupled {that} record {other} exists any more. The next synchronization removes the coupling.</source>
        <translation>Verken denne posten eller den koblede {that}-posten {other} finnes lenger. Neste synkronisering fjerner koblingen.</translation>
    </message>
    <message>
        <source>Nothing to do; or use Remove Coupling now.</source>
        <translation>Ingenting å gjøre; eller bruk Fjern kobling nå.</translation>
    </message>
    <message>
        <source>Deleted in {this}</source>
        <translation>Slettet i {this}</translation>
    </message>
    <message>
        <source>The record no longer exists in {this}; the coupled {that} record {other} still does. {policy}</source>
        <translation>Posten finnes ikke lenger i {this}; den koblede {that}-posten {other} finnes fortsatt. {policy}</translation>
    </message>
    <message>
        <source>The mapping&apos;s deletion policy restores it in {deleted} at the next synchronization.</source>
        <translation>Tilordningens regel for slettinger gjenoppretter den i {deleted} ved neste synkronisering.</translation>
    </message>
    <message>
        <source>The mapping&apos;s deletion policy deletes the {remaining} record too at the next synchronization.</source>
        <translation>Tilordningens regel for slettinger sletter også {remaining}-posten ved neste synkronisering.</translation>
    </message>
    <message>
        <source>The mapping&apos;s deletion policy removes the coupling at the next synchronization.</source>
        <translation>Tilordningens regel for slettinger fjerner koblingen ved neste synkronisering.</translation>
    </message>
    <message>
        <source>The next synchronization reports it as deleted in {deleted} and waits for a person.</source>
        <translation>Neste synkronisering rapporterer den som slettet i {deleted} og venter på en person.</translation>
    </message>
    <message>
        <source>Only coupled records are synchronized</source>
        <translation>Bare koblede poster synkroniseres</translation>
    </message>
    <message>
        <source>The mapping {mapping} synchronizes only coupled records (sync_only_coupled), and this record is not coupled, so no {that} record is created for it.</source>
        <translation>Tilordningen {mapping} synkroniserer bare koblede poster (sync_only_coupled), og denne posten er ikke koblet, så det opprettes ingen {that}-post for den.</translation>
    </message>
    <message>
        <source>Couple it to a {that} record with Couple…, or set sync_only_coupled = false {where}.</source>
        <translation>Koble den til en {that}-post med Koble …, eller sett sync_only_coupled = false {where}.</translation>
    </message>
    <message>
        <source>The coupled {that} record was deleted</source>
        <translation>Den koblede {that}-posten er slettet</translation>
    </message>
    <message>
        <source>The coupled {that} record {other} no longer exists. {policy}</source>
        <translation>Den koblede {that}-posten {other} finnes ikke lenger. {policy}</translation>
    </message>
    <message>
        <source>A synchronization was interrupted</source>
        <translation>En synkronisering ble avbrutt</translation>
    </message>
    <message>
        <source>A synchronization stopped while writing this record ({pending}). The next synchronization of the mapping finishes that write before anything else.</source>
        <translation>En synkronisering stoppet mens denne posten ble skrevet ({pending}). Neste synkronisering av tilordningen fullfører den skrivingen før noe annet.</translation>
    </message>
    <message>
        <source>Nothing to do; or Synchronize Now.</source>
        <translation>Ingenting å gjøre; eller bruk Synkroniser nå.</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Hoppes over</translation>
    </message>
    <message>
        <source>The coupling is marked skipped, so every synchronization leaves it out until a person resolves it.</source>
        <translation>Koblingen er merket som overhoppet, så hver synkronisering utelater den til en person løser den.</translation>
    </message>
    <message>
        <source>Use Retry to include it in the next synchronization.</source>
        <translation>Bruk Prøv på nytt for å ta den med i neste synkronisering.</translation>
    </message>
    <message>
        <source>Skipped: changed in both apps</source>
        <translation>Hoppes over: endret i begge appene</translation>
    </message>
    <message>
        <source>Use Synchronize… (in this window&apos;s toolbar, Ctrl+Shift+S) to choose which version both apps get, or Retry after making the two records equal.</source>
        <translation>Bruk Synkroniser … (i verktøylinjen i dette vinduet, Ctrl+Shift+S) for å velge hvilken versjon begge appene får, eller Prøv på nytt etter at de to postene er gjort like.</translation>
    </message>
    <message>
        <source>Skipped: failed</source>
        <translation>Hoppes over: mislyktes</translation>
    </message>
    <message>
        <source>Correct the value the message names (in the app it names), then use Retry; or Synchronize… (Ctrl+Shift+S) to choose the values to write now.</source>
        <translation>Rett verdien meldingen nevner (i appen den nevner), og bruk deretter Prøv på nytt; eller bruk Synkroniser … (Ctrl+Shift+S) for å velge verdiene som skal skrives nå.</translation>
    </message>
    <message>
        <source>Skipped: deleted in {app}</source>
        <translation>Hoppes over: slettet i {app}</translation>
    </message>
    <message>
        <source>Use Restore Records to recreate it in {deleted}, Delete Records to delete it in {remaining} too, or Remove Coupling to keep both apart.</source>
        <translation>Bruk Gjenopprett poster for å gjenskape den i {deleted}, Slett poster for å slette den også i {remaining}, eller Fjern kobling for å holde dem atskilt.</translation>
    </message>
    <message>
        <source>Synchronization stopped at this record on {when} in job {job}: {message} Until a person resolves the error, every synchronization leaves the record out.</source>
        <translation>Synkroniseringen stoppet ved denne posten {when} i jobb {job}: {message} Til en person løser feilen, utelater hver synkronisering posten.</translation>
    </message>
    <message>
        <source>Synchronization stopped at this record on {when}: {message} Until a person resolves the error, every synchronization leaves the record out.</source>
        <translation>Synkroniseringen stoppet ved denne posten {when}: {message} Til en person løser feilen, utelater hver synkronisering posten.</translation>
    </message>
    <message>
        <source>in {file}, in the [[mapping]] named &quot;{mapping}&quot;</source>
        <translation>i {file}, i [[mapping]] med navnet «{mapping}»</translation>
    </message>
    <message>
        <source>in the configuration, in the [[mapping]] named &quot;{mapping}&quot;</source>
        <translation>i konfigurasjonen, i [[mapping]] med navnet «{mapping}»</translation>
    </message>
    <message>
        <source>The mapping never copies {this} records</source>
        <translation>Tilordningen kopierer aldri {this}-poster</translation>
    </message>
    <message>
        <source>The mapping {mapping} has direction {direction}: records go from {that} to {this} only, so a new {this} record is never created in {that}.</source>
        <translation>Tilordningen {mapping} har retningen {direction}: poster går bare fra {that} til {this}, så en ny {this}-post blir aldri opprettet i {that}.</translation>
    </message>
    <message>
        <source>Set direction = &quot;bidirectional&quot; (or &quot;{other}&quot;) {where}, or couple the record by hand with Couple….</source>
        <translation>Sett direction = &quot;bidirectional&quot; (eller &quot;{other}&quot;) {where}, eller koble posten manuelt med Koble ….</translation>
    </message>
    <message>
        <source>Changes made in {this} are not copied</source>
        <translation>Endringer gjort i {this} kopieres ikke</translation>
    </message>
    <message>
        <source>The mapping {mapping} has direction {direction}: values go from {that} to {this} only. Changes to this record in {this} stay there, and a change in {that} overwrites them.</source>
        <translation>Tilordningen {mapping} har retningen {direction}: verdier går bare fra {that} til {this}. Endringer i denne posten i {this} blir værende der, og en endring i {that} overskriver dem.</translation>
    </message>
    <message>
        <source>Set direction = &quot;bidirectional&quot; {where} if {this} changes should reach {that}; &quot;{towards}&quot; means the opposite.</source>
        <translation>Sett direction = &quot;bidirectional&quot; {where} hvis endringer i {this} skal nå {that}; &quot;{towards}&quot; betyr det motsatte.</translation>
    </message>
    <message>
        <source>so it is never created there</source>
        <translation>så den blir aldri opprettet der</translation>
    </message>
    <message>
        <source>so synchronization does not read it and its changes do not reach {that}</source>
        <translation>så synkroniseringen leser den ikke, og endringene når ikke {that}</translation>
    </message>
    <message>
        <source>Outside the {this} filter</source>
        <translation>Utenfor {this}-filteret</translation>
    </message>
    <message>
        <source>The mapping&apos;s {excluded}; {what}.</source>
        <translation>Tilordningens {excluded}; {what}.</translation>
    </message>
    <message>
        <source>Change {columns} of the record in {this} to a value the filter lets through, or change {key} {where}.</source>
        <translation>Endre {columns} i posten i {this} til en verdi filteret slipper gjennom, eller endre {key} {where}.</translation>
    </message>
    <message>
        <source>The coupled {that} record is outside the {that} filter</source>
        <translation>Den koblede {that}-posten er utenfor {that}-filteret</translation>
    </message>
    <message>
        <source>The mapping&apos;s {excluded}; synchronization does not read it, so its changes do not reach {this}.</source>
        <translation>Tilordningens {excluded}; synkroniseringen leser den ikke, så endringene når ikke {this}.</translation>
    </message>
    <message>
        <source>Change the record in {that}, or change {key} {where}.</source>
        <translation>Endre posten i {that}, eller endre {key} {where}.</translation>
    </message>
    <message>
        <source>These fields are only copied from {that} to {this}: {names}. A change to them in {this} is never copied to {that}.</source>
        <translation>Disse feltene kopieres bare fra {that} til {this}: {names}. En endring i dem i {this} kopieres aldri til {that}.</translation>
    </message>
    <message>
        <source>This field is only copied from {that} to {this}: {names}. A change to it in {this} is never copied to {that}.</source>
        <translation>Dette feltet kopieres bare fra {that} til {this}: {names}. En endring i det i {this} kopieres aldri til {that}.</translation>
    </message>
    <message>
        <source>{explanation} Differing now (here ≠ in {that}): {values}.</source>
        <translation>{explanation} Forskjellig nå (her ≠ i {that}): {values}.</translation>
    </message>
    <message>
        <source>Fields synchronized one way only: {names}</source>
        <translation>Felt som bare synkroniseres én vei: {names}</translation>
    </message>
    <message>
        <source>Set direction = &quot;bidirectional&quot; on the [[mapping.field]] of {names} {where} if changes in {this} should be copied.</source>
        <translation>Sett direction = &quot;bidirectional&quot; på [[mapping.field]] for {names} {where} hvis endringer i {this} skal kopieres.</translation>
    </message>
    <message>
        <source>No job queue entry</source>
        <translation>Ingen post i jobbkøen</translation>
    </message>
    <message>
        <source>The mapping {mapping} has no job queue entry, so it is synchronized only when someone starts it.</source>
        <translation>Tilordningen {mapping} har ingen post i jobbkøen, så den synkroniseres bare når noen starter den.</translation>
    </message>
    <message>
        <source>Add a job queue entry for {mapping}, or use Synchronize Now.</source>
        <translation>Legg til en post i jobbkøen for {mapping}, eller bruk Synkroniser nå.</translation>
    </message>
    <message>
        <source>The job queue entry is on hold</source>
        <translation>Posten i jobbkøen er på vent</translation>
    </message>
    <message>
        <source>The job queue entry of {mapping} is on hold, so no scheduled synchronization runs for it.</source>
        <translation>Posten i jobbkøen for {mapping} er på vent, så ingen planlagt synkronisering kjøres for den.</translation>
    </message>
    <message>
        <source>Set the job queue entry of {mapping} ready, or use Synchronize Now.</source>
        <translation>Sett posten i jobbkøen for {mapping} som klar, eller bruk Synkroniser nå.</translation>
    </message>
    <message>
        <source>The job queue entry of {mapping} stopped with an error, and does not run again until it is set ready.</source>
        <translation>Posten i jobbkøen for {mapping} stoppet med en feil og kjøres ikke igjen før den settes som klar.</translation>
    </message>
    <message>
        <source>{explanation} Its last run: {result}</source>
        <translation>{explanation} Siste kjøring: {result}</translation>
    </message>
    <message>
        <source>The job queue entry is in error</source>
        <translation>Posten i jobbkøen har feil</translation>
    </message>
    <message>
        <source>Remove the cause its last result names, then set the job queue entry of {mapping} ready.</source>
        <translation>Fjern årsaken som det siste resultatet nevner, og sett deretter posten i jobbkøen for {mapping} som klar.</translation>
    </message>
    <message>
        <source>Synchronizing now</source>
        <translation>Synkroniserer nå</translation>
    </message>
    <message>
        <source>The job queue entry of {mapping} is running by {who} right now.</source>
        <translation>Posten i jobbkøen for {mapping} kjøres av {who} akkurat nå.</translation>
    </message>
    <message>
        <source>The job queue entry of {mapping} is running right now.</source>
        <translation>Posten i jobbkøen for {mapping} kjøres akkurat nå.</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planlagt</translation>
    </message>
    <message>
        <source>The job queue entry of {mapping} is ready; its next run is due now.</source>
        <translation>Posten i jobbkøen for {mapping} er klar; neste kjøring skal skje nå.</translation>
    </message>
    <message>
        <source>The job queue entry of {mapping} is ready; its next run is at {when}.</source>
        <translation>Posten i jobbkøen for {mapping} er klar; neste kjøring er {when}.</translation>
    </message>
    <message>
        <source>Included in the next synchronization</source>
        <translation>Tas med i neste synkronisering</translation>
    </message>
    <message>
        <source>A person asked to retry it (or a write to it did not land), so the next synchronization compares it whatever its last-modified value says.</source>
        <translation>En person ba om å prøve den på nytt (eller en skriving til den gikk ikke gjennom), så neste synkronisering sammenligner den uansett hva verdien for sist endret sier.</translation>
    </message>
    <message>
        <source>No last-modified value</source>
        <translation>Ingen verdi for sist endret</translation>
    </message>
    <message>
        <source>Its last-modified column {column} is empty, so every synchronization reads it and compares its values with the last synchronized ones.</source>
        <translation>Kolonnen for sist endret, {column}, er tom, så hver synkronisering leser den og sammenligner verdiene med de sist synkroniserte.</translation>
    </message>
    <message>
        <source>Where many records of {this} have no last-modified value, list a column that always has one after it (for example a creation date) in the mapping.</source>
        <translation>Der mange poster i {this} mangler verdi for sist endret, kan du føre opp en kolonne som alltid har en verdi, etter den (for eksempel en opprettelsesdato) i tilordningen.</translation>
    </message>
    <message>
        <source>Not changed since the last synchronization</source>
        <translation>Ikke endret siden forrige synkronisering</translation>
    </message>
    <message>
        <source>It is as it was when it was last synchronized ({when}; {version}), so there is nothing to copy. A change counts only when {this} moves {column} on, or its values change.</source>
        <translation>Den er slik den var da den sist ble synkronisert ({when}; {version}), så det er ingenting å kopiere. En endring teller bare når {this} flytter {column} fremover, eller når verdiene endres.</translation>
    </message>
    <message>
        <source>If you changed the record and the value did not move, the app did not stamp the change: edit it again, or use Synchronize Now to compare it anyway.</source>
        <translation>Hvis du endret posten og verdien ikke flyttet seg, stemplet ikke appen endringen: rediger den på nytt, eller bruk Synkroniser nå for å sammenligne den likevel.</translation>
    </message>
    <message>
        <source>Last-modified value older than what synchronization has read</source>
        <translation>Verdien for sist endret er eldre enn det synkroniseringen har lest</translation>
    </message>
    <message>
        <source>Synchronization of {mapping} reads {this} changes stamped from {since} on (its last run minus the look-back); this record&apos;s last-modified value {stamp} is older, so the next synchronization does not read it, although it {what}.</source>
        <translation>Synkroniseringen av {mapping} leser endringer i {this} stemplet fra {since} (siste kjøring minus tilbakeblikket); verdien for sist endret for denne posten, {stamp}, er eldre, så neste synkronisering leser den ikke, selv om den {what}.</translation>
    </message>
    <message>
        <source>was never synchronized</source>
        <translation>aldri er synkronisert</translation>
    </message>
    <message>
        <source>has changed since its last synchronization</source>
        <translation>er endret siden forrige synkronisering</translation>
    </message>
    <message>
        <source>Use Synchronize Now for this record, and have {this} stamp {column} with the time of each change.</source>
        <translation>Bruk Synkroniser nå for denne posten, og få {this} til å stemple {column} med tidspunktet for hver endring.</translation>
    </message>
    <message>
        <source>The next synchronization creates it in {that}, or couples it to a {that} record with equal {fields}.</source>
        <translation>Neste synkronisering oppretter den i {that}, eller kobler den til en {that}-post med lik {fields}.</translation>
    </message>
    <message>
        <source>The next synchronization creates it in {that}.</source>
        <translation>Neste synkronisering oppretter den i {that}.</translation>
    </message>
    <message>
        <source>Not synchronized yet</source>
        <translation>Ikke synkronisert ennå</translation>
    </message>
    <message>
        <source>Changed since the last synchronization</source>
        <translation>Endret siden forrige synkronisering</translation>
    </message>
    <message>
        <source>It is not as it was at the last synchronization ({version}), so the next synchronization compares it and copies what changed.</source>
        <translation>Den er ikke slik den var ved forrige synkronisering ({version}), så neste synkronisering sammenligner den og kopierer det som er endret.</translation>
    </message>
    <message>
        <source>last modified {stamp}</source>
        <translation>sist endret {stamp}</translation>
    </message>
    <message>
        <source>same values</source>
        <translation>samme verdier</translation>
    </message>
    <message>
        <source>Job queue entry: set on hold</source>
        <translation>Post i jobbkøen: satt på vent</translation>
    </message>
    <message>
        <source>Job queue entry: set ready</source>
        <translation>Post i jobbkøen: satt som klar</translation>
    </message>
    <message>
        <source>Job queue entry: interval set to {interval} minutes, back-off up to {cap} minutes</source>
        <translation>Post i jobbkøen: intervall satt til {interval} minutter, utsettelse opptil {cap} minutter</translation>
    </message>
    <message>
        <source>Job queue entry: run now</source>
        <translation>Post i jobbkøen: kjør nå</translation>
    </message>
    <message>
        <source>waiting for {what}; next try at {time}</source>
        <translation>venter på {what}; neste forsøk kl. {time}</translation>
    </message>
    <message>
        <source>cancelled: {counters}; the rest is done by the next run</source>
        <translation>avbrutt: {counters}; resten gjøres ved neste kjøring</translation>
    </message>
    <message>
        <source>{counters} — {message}</source>
        <translation>{counters} — {message}</translation>
    </message>
    <message>
        <source>failed: {reason}</source>
        <translation>mislyktes: {reason}</translation>
    </message>
    <message>
        <source>{n} inserted</source>
        <translation>{n} satt inn</translation>
    </message>
    <message>
        <source>{n} modified</source>
        <translation>{n} endret</translation>
    </message>
    <message>
        <source>{n} deleted</source>
        <translation>{n} slettet</translation>
    </message>
    <message>
        <source>{n} unchanged</source>
        <translation>{n} uendret</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>{n} hoppet over</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} mislyktes</translation>
    </message>
    <message>
        <source>{n} coupled</source>
        <translation>{n} koblet</translation>
    </message>
    <message>
        <source>{n} uncoupled</source>
        <translation>{n} frakoblet</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>ingenting å gjøre</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <translation>{first}, {rest}</translation>
    </message>
    <message>
        <source>{app}&apos;s database {path} does not exist; it was moved, renamed or deleted. Put it back (or correct url under [{side}] in the configuration), then try again.</source>
        <translation>Databasen til {app}, {path}, finnes ikke; den er flyttet, gitt nytt navn eller slettet. Legg den tilbake (eller rett url under [{side}] i konfigurasjonen), og prøv deretter igjen.</translation>
    </message>
    <message>
        <source>interrupted: its runner stopped without finishing; the next job took over</source>
        <translation>avbrutt: den som kjørte den, stoppet uten å fullføre; neste jobb tok over</translation>
    </message>
    <message>
        <source>interrupted: {runner} stopped without finishing; the entry runs again</source>
        <translation>avbrutt: {runner} stoppet uten å fullføre; posten kjøres igjen</translation>
    </message>
    <message>
        <source>interrupted: its runner stopped without finishing; the job queue ran the entry again</source>
        <translation>avbrutt: den som kjørte den, stoppet uten å fullføre; jobbkøen kjørte posten igjen</translation>
    </message>
    <message>
        <source>{app} table {table}: cannot create a key for a new record: {column} is neither text, a UUID nor an identity column the database fills</source>
        <translation>{app}, tabellen {table}: kan ikke lage en nøkkel for en ny post: {column} er verken tekst, en UUID eller en identitetskolonne som databasen fyller ut</translation>
    </message>
    <message>
        <source>{action} — {comment}</source>
        <translation>{action} — {comment}</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Not everything was done</source>
        <translation>Ikke alt ble gjort</translation>
    </message>
    <message>
        <source>Nothing was synchronized.</source>
        <translation>Ingenting ble synkronisert.</translation>
    </message>
    <message numerus="yes">
        <source>%n inserted</source>
        <translation>
            <numerusform>%n satt inn</numerusform>
            <numerusform>%n satt inn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n modified</source>
        <translation>
            <numerusform>%n endret</numerusform>
            <numerusform>%n endret</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted</source>
        <translation>
            <numerusform>%n slettet</numerusform>
            <numerusform>%n slettet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coupled</source>
        <translation>
            <numerusform>%n koblet</numerusform>
            <numerusform>%n koblet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uncoupled</source>
        <translation>
            <numerusform>%n frakoblet</numerusform>
            <numerusform>%n frakoblet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n hoppet over</numerusform>
            <numerusform>%n hoppet over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n mislyktes</numerusform>
            <numerusform>%n mislyktes</numerusform>
        </translation>
    </message>
    <message>
        <source>{mapping}{status}: {counts}</source>
        <translation>{mapping}{status}: {counts}</translation>
    </message>
    <message>
        <source>nothing to change</source>
        <translation>ingenting å endre</translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message>
        <source>{app} record {key}</source>
        <translation>{app}-post {key}</translation>
    </message>
    <message>
        <source>{app} {record}</source>
        <translation>{app} {record}</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>… og %n til</numerusform>
            <numerusform>… og %n til</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the coupling of {erp} and {crm}?</source>
        <translation>Vil du fjerne koblingen mellom {erp} og {crm}?</translation>
    </message>
    <message numerus="yes">
        <source>Remove the coupling of %n record(s)?</source>
        <translation>
            <numerusform>Vil du fjerne koblingen av %n post?</numerusform>
            <numerusform>Vil du fjerne koblingen av %n poster?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each record that still exists stays in its app, but they are no longer synchronized. To synchronize them again you must couple them again.</source>
        <translation>Hver post som fortsatt finnes, blir værende i sin app, men synkroniseres ikke lenger. Hvis du vil gjenoppta synkroniseringen, må du koble dem sammen på nytt.</translation>
    </message>
    <message>
        <source>The records stay in both apps but are no longer synchronized. To synchronize them again you must couple them again.</source>
        <translation>Postene blir værende i begge appene, men synkroniseres ikke lenger. Hvis du vil gjenoppta synkroniseringen, må du koble dem sammen på nytt.</translation>
    </message>
    <message>
        <source>Both records stay, but they are no longer synchronized. To synchronize them again you must couple them again.</source>
        <translation>Begge postene blir værende, men synkroniseres ikke lenger. Hvis du vil gjenoppta synkroniseringen, må du koble dem sammen på nytt.</translation>
    </message>
    <message>
        <source>The {kept} record stays; the {gone} record was deleted already. It is no longer synchronized: nothing will recreate or delete it.</source>
        <translation>Posten i {kept} blir værende; posten i {gone} er allerede slettet. Den synkroniseres ikke lenger: ingenting gjenskaper eller sletter den.</translation>
    </message>
    <message>
        <source>Both records were deleted already: only the coupling and the error go.</source>
        <translation>Begge postene er allerede slettet: bare koblingen og feilen fjernes.</translation>
    </message>
    <message>
        <source>Delete {record} in {app}?

It was deleted in {other} already; the coupling is removed too. This cannot be undone.</source>
        <translation>Vil du slette {record} i {app}?

Den er allerede slettet i {other}; koblingen fjernes også. Dette kan ikke angres.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n record(s) in the app where each still exists, and remove the couplings?</source>
        <translation>
            <numerusform>Vil du slette %n post i appen der den fortsatt finnes, og fjerne koblingen?</numerusform>
            <numerusform>Vil du slette %n poster, hver i appen der den fortsatt finnes, og fjerne koblingene?</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Dette kan ikke angres.</translation>
    </message>
    <message>
        <source>Recreate {record} in {app}, from its values in {other}?</source>
        <translation>Vil du gjenskape {record} i {app}, med verdiene fra {other}?</translation>
    </message>
    <message numerus="yes">
        <source>Recreate %n record(s) in the app each was deleted from, from the other app&apos;s values?</source>
        <translation>
            <numerusform>Vil du gjenskape %n post i appen der den ble slettet, med verdiene fra den andre appen?</numerusform>
            <numerusform>Vil du gjenskape %n poster, hver i appen der den ble slettet, med verdiene fra den andre appen?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueActions</name>
    <message>
        <source>Set On Hold</source>
        <translation>Sett på vent</translation>
    </message>
    <message>
        <source>Stop running the selected entries until they are set ready; a run in progress finishes first</source>
        <translation>Slutter å kjøre de valgte postene til de settes som klare; en kjøring som pågår, fullføres først</translation>
    </message>
    <message>
        <source>Set Ready</source>
        <translation>Sett som klar</translation>
    </message>
    <message>
        <source>Run the selected entries again at their next run time (at once when it has passed)</source>
        <translation>Kjører de valgte postene igjen ved neste kjøretidspunkt (med en gang hvis det har passert)</translation>
    </message>
    <message>
        <source>Change Interval…</source>
        <translation>Endre intervall …</translation>
    </message>
    <message>
        <source>How often the selected entry runs, and how far it backs off when there is nothing to do</source>
        <translation>Hvor ofte den valgte posten kjøres, og hvor lenge den venter når det ikke er noe å gjøre</translation>
    </message>
    <message>
        <source>Run Now</source>
        <translation>Kjør nå</translation>
    </message>
    <message>
        <source>Make the selected entries due at once</source>
        <translation>Gjør de valgte postene klare til kjøring med en gang</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Oppdater</translation>
    </message>
    <message>
        <source>Read the job queue again</source>
        <translation>Leser jobbkøen på nytt</translation>
    </message>
    <message>
        <source>Run the Job Queue in This Window</source>
        <translation>Kjør jobbkøen i dette vinduet</translation>
    </message>
    <message>
        <source>While this window is open it runs due entries itself, one at a time, in the status bar; switch off when a worker runs the queue</source>
        <translation>Mens dette vinduet er åpent, kjører det forfalte poster selv, én om gangen, i statuslinjen; slå av når en worker kjører køen</translation>
    </message>
    <message>
        <source>&amp;Job Queue</source>
        <translation>&amp;Jobbkø</translation>
    </message>
    <message>
        <source>Select one or more entries first</source>
        <translation>Velg én eller flere poster først</translation>
    </message>
    <message>
        <source>The entry is on hold already</source>
        <translation>Posten er allerede på vent</translation>
    </message>
    <message>
        <source>Only an entry on hold or in error can be set ready</source>
        <translation>Bare en post som er på vent eller har feil, kan settes som klar</translation>
    </message>
    <message>
        <source>Select exactly one entry</source>
        <translation>Velg nøyaktig én post</translation>
    </message>
    <message>
        <source>Its mapping is not in this configuration, so nothing here would run it</source>
        <translation>Tilordningen finnes ikke i denne konfigurasjonen, så ingenting her ville kjøre den</translation>
    </message>
    <message>
        <source>It is running now; it can run again when that run has finished</source>
        <translation>Den kjører nå; den kan kjøres igjen når den kjøringen er ferdig</translation>
    </message>
    <message>
        <source>Wait for the current action to finish</source>
        <translation>Vent til gjeldende handling er ferdig</translation>
    </message>
    <message>
        <source>Setting on hold</source>
        <translation>Setter på vent</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) set on hold</source>
        <translation>
            <numerusform>%n post satt på vent</numerusform>
            <numerusform>%n poster satt på vent</numerusform>
        </translation>
    </message>
    <message>
        <source>Setting ready</source>
        <translation>Setter som klar</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) set ready</source>
        <translation>
            <numerusform>%n post satt som klar</numerusform>
            <numerusform>%n poster satt som klare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) due now; this window runs them in a moment</source>
        <translation>
            <numerusform>%n post skal kjøres nå; dette vinduet kjører den om et øyeblikk</numerusform>
            <numerusform>%n poster skal kjøres nå; dette vinduet kjører dem om et øyeblikk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) due now; they run when a worker or another window next looks at the queue</source>
        <translation>
            <numerusform>%n post skal kjøres nå; den kjøres når en worker eller et annet vindu ser på køen neste gang</numerusform>
            <numerusform>%n poster skal kjøres nå; de kjøres når en worker eller et annet vindu ser på køen neste gang</numerusform>
        </translation>
    </message>
    <message>
        <source>Making entries due now</source>
        <translation>Gjør postene klare til kjøring nå</translation>
    </message>
    <message>
        <source>{mapping} runs every {every}; next run {next}</source>
        <translation>{mapping} kjøres hvert {every}; neste kjøring {next}</translation>
    </message>
    <message>
        <source>Changing the interval</source>
        <translation>Endrer intervallet</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Mapping</source>
        <translation>Tilordning</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Neste kjøring</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Siste kjøring</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Siste resultat</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>Kjøres av</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>In process</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>På vent</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} d</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} t</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{every} (backed off to {wait})</source>
        <translation>{every} (utsatt til {wait})</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>på vent</translation>
    </message>
    <message>
        <source>running now</source>
        <translation>kjører nå</translation>
    </message>
    <message>
        <source>this window</source>
        <translation>dette vinduet</translation>
    </message>
    <message>
        <source>{mapping} is not in this configuration: no runner of it runs this entry.</source>
        <translation>{mapping} finnes ikke i denne konfigurasjonen: ingen som kjører den, kjører denne posten.</translation>
    </message>
    <message>
        <source> (job {id})</source>
        <translation> (jobb {id})</translation>
    </message>
    <message>
        <source>Claimed by {runner} since {since}</source>
        <translation>Tatt av {runner} siden {since}</translation>
    </message>
    <message>
        <source>Runs every {every}; after runs that find nothing to do it waits longer, up to {cap}.</source>
        <translation>Kjøres hvert {every}; etter kjøringer som ikke finner noe å gjøre, venter den lenger, opp til {cap}.</translation>
    </message>
</context>
<context>
    <name>QueueRunner</name>
    <message>
        <source>The job queue cannot be read: {message}</source>
        <translation>Jobbkøen kan ikke leses: {message}</translation>
    </message>
    <message>
        <source>Job queue</source>
        <translation>Jobbkø</translation>
    </message>
    <message>
        <source>Job queue: {mapping} did not run — {why}</source>
        <translation>Jobbkø: {mapping} ble ikke kjørt — {why}</translation>
    </message>
    <message>
        <source>Job queue run cancelled; the rest is done at the next look at the queue, in {seconds} s.</source>
        <translation>Kjøringen av jobbkøen ble avbrutt; resten gjøres neste gang køen sjekkes, om {seconds} s.</translation>
    </message>
    <message>
        <source>This window runs due entries, one at a time, in the status bar with progress and Cancel; it looks at the queue at least every {seconds} s.</source>
        <translation>Dette vinduet kjører forfalte poster, én om gangen, i statuslinjen med fremdrift og Avbryt; det ser på køen minst hvert {seconds}. sekund.</translation>
    </message>
    <message>
        <source>This window does not run the job queue: a desktop-sync worker or another window must.</source>
        <translation>Dette vinduet kjører ikke jobbkøen: en desktop-sync worker eller et annet vindu må gjøre det.</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Job queue actions</source>
        <translation>Handlinger for jobbkøen</translation>
    </message>
    <message>
        <source>How this window runs the job queue</source>
        <translation>Hvordan dette vinduet kjører jobbkøen</translation>
    </message>
    <message>
        <source>Job queue entries</source>
        <translation>Poster i jobbkøen</translation>
    </message>
    <message>
        <source>The job queue has no entries yet. A window that runs the job queue creates one per mapping the first time it looks, and so does desktop-sync worker.</source>
        <translation>Jobbkøen har ingen poster ennå. Et vindu som kjører jobbkøen, oppretter én per tilordning første gang det ser på køen, og det gjør desktop-sync worker også.</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>Synchronize Now</source>
        <translation>Synkroniser nå</translation>
    </message>
    <message>
        <source>Synchronize this record now, whatever its last-modified value says</source>
        <translation>Synkroniser denne posten nå, uansett hva verdien for sist endret sier</translation>
    </message>
    <message>
        <source>Couple…</source>
        <translation>Koble …</translation>
    </message>
    <message>
        <source>Couple this record to a {side} record you pick</source>
        <translation>Koble denne posten til en {side}-post du velger</translation>
    </message>
    <message>
        <source>Remove Coupling</source>
        <translation>Fjern kobling</translation>
    </message>
    <message>
        <source>Uncouple; both records stay but are no longer synchronized</source>
        <translation>Opphev koblingen; begge postene blir værende, men synkroniseres ikke lenger</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Prøv på nytt</translation>
    </message>
    <message>
        <source>Include this skipped record in the next synchronization</source>
        <translation>Inkluder denne overhoppede posten i neste synkronisering</translation>
    </message>
    <message>
        <source>Show Job</source>
        <translation>Vis jobb</translation>
    </message>
    <message>
        <source>Show the job of the selected log line in the main window</source>
        <translation>Vis jobben for den valgte logglinjen i hovedvinduet</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Oppdater</translation>
    </message>
    <message>
        <source>Read the record again</source>
        <translation>Les posten på nytt</translation>
    </message>
    <message>
        <source>Synchronize…</source>
        <translation>Synkroniser …</translation>
    </message>
    <message>
        <source>Choose, field by field, which version both apps get</source>
        <translation>Velg, felt for felt, hvilken versjon av posten som skal brukes i begge appene</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Close this window (Esc)</source>
        <translation>Lukk dette vinduet (Esc)</translation>
    </message>
    <message>
        <source>Wait for the current action to finish</source>
        <translation>Vent til gjeldende handling er ferdig</translation>
    </message>
    <message>
        <source>The record is still being read</source>
        <translation>Posten leses fortsatt</translation>
    </message>
    <message>
        <source>The record does not exist</source>
        <translation>Posten finnes ikke</translation>
    </message>
    <message>
        <source>A synchronization is running</source>
        <translation>En synkronisering kjører</translation>
    </message>
    <message>
        <source>The record is not coupled</source>
        <translation>Posten er ikke koblet</translation>
    </message>
    <message>
        <source>Synchronize… applies to a record changed in both apps or that failed</source>
        <translation>Synkroniser … gjelder en post som er endret i begge appene eller som mislyktes</translation>
    </message>
    <message>
        <source>The record is not skipped</source>
        <translation>Posten hoppes ikke over</translation>
    </message>
    <message>
        <source>Never coupled: creating the record in {side} failed. Correct it and use Retry</source>
        <translation>Aldri koblet: posten kunne ikke opprettes i {side}. Rett den og bruk Prøv på nytt</translation>
    </message>
    <message>
        <source>Select a log line of a job first</source>
        <translation>Velg en logglinje fra en jobb først</translation>
    </message>
    <message>
        <source>Open from the main window to show jobs</source>
        <translation>Åpne fra hovedvinduet for å vise jobber</translation>
    </message>
    <message>
        <source>Synchronizing {side} record {key}</source>
        <translation>Synkroniserer {side}-posten {key}</translation>
    </message>
    <message>
        <source>Couple {side} record {key} to a {other} record.</source>
        <translation>Koble {side}-posten {key} til en {other}-post.</translation>
    </message>
    <message>
        <source>Couple {side} record {key} to another {other} record instead of {current}.</source>
        <translation>Koble {side}-posten {key} til en annen {other}-post i stedet for {current}.</translation>
    </message>
    <message>
        <source>Coupling</source>
        <translation>Kobler</translation>
    </message>
    <message>
        <source>Coupled to {side} record {key}</source>
        <translation>Koblet til {side}-posten {key}</translation>
    </message>
    <message>
        <source>Remove the coupling of {erp} and {crm}?

{what_stays}</source>
        <translation>Vil du fjerne koblingen mellom {erp} og {crm}?

{what_stays}</translation>
    </message>
    <message>
        <source>Removing the coupling</source>
        <translation>Fjerner koblingen</translation>
    </message>
    <message>
        <source>Both records stay, but they are no longer synchronized. To synchronize them again you must couple them again.</source>
        <translation>Begge postene blir værende, men synkroniseres ikke lenger. Hvis du vil gjenoppta synkroniseringen, må du koble dem sammen på nytt.</translation>
    </message>
    <message>
        <source>The {kept} record stays; the {gone} record was deleted already. It is no longer synchronized: nothing will recreate or delete it.</source>
        <translation>Posten i {kept} blir værende; posten i {gone} er allerede slettet. Den synkroniseres ikke lenger: ingenting gjenskaper eller sletter den.</translation>
    </message>
    <message>
        <source>Both records were deleted already: only the coupling goes.</source>
        <translation>Begge postene er allerede slettet: bare koblingen fjernes.</translation>
    </message>
    <message>
        <source>Nothing to choose between: the record exists in one app only, or both apps hold the same values. Correct what the message names, then use Retry</source>
        <translation>Ingenting å velge mellom: posten finnes bare i én app, eller begge appene har de samme verdiene. Rett det meldingen nevner, og bruk deretter Prøv på nytt</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Prøver på nytt</translation>
    </message>
</context>
<context>
    <name>RecordListPane</name>
    <message>
        <source>Search {side} records by key or text…</source>
        <translation>Søk i {side}-poster etter nøkkel eller tekst …</translation>
    </message>
    <message>
        <source>Search {side} records</source>
        <translation>Søk i {side}-poster</translation>
    </message>
    <message>
        <source>Coupling state filter</source>
        <translation>Filter for koblingsstatus</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Alle poster</translation>
    </message>
    <message>
        <source>Only coupled</source>
        <translation>Bare koblede</translation>
    </message>
    <message>
        <source>Only not coupled</source>
        <translation>Bare ikke koblede</translation>
    </message>
    <message>
        <source>Only skipped</source>
        <translation>Bare overhoppede</translation>
    </message>
    <message>
        <source>Number of {side} records</source>
        <translation>Antall {side}-poster</translation>
    </message>
    <message>
        <source>{side} records</source>
        <translation>{side}-poster</translation>
    </message>
    <message>
        <source>Looking through the records…</source>
        <translation>Går gjennom postene …</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n poster</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n post så langt; rull for å se flere</numerusform>
            <numerusform>%n poster så langt; rull for å se flere</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the records: {reason}</source>
        <translation>Kan ikke lese postene: {reason}</translation>
    </message>
</context>
<context>
    <name>RecordWindow</name>
    <message>
        <source>{mapping} — {side} record {key}</source>
        <translation>{mapping} — {side}-post {key}</translation>
    </message>
    <message>
        <source>Synchronization log</source>
        <translation>Synkroniseringslogg</translation>
    </message>
    <message>
        <source>Why is this record not synchronizing?</source>
        <translation>Hvorfor synkroniseres ikke denne posten?</translation>
    </message>
    <message>
        <source>Mapped fields of this record and its coupled record</source>
        <translation>Tilordnede felt i denne posten og den koblede posten</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Synchronization Log</source>
        <translation>Synkroniseringslogg</translation>
    </message>
    <message>
        <source>Why Not Synchronizing?</source>
        <translation>Hvorfor synkroniseres den ikke?</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Endringer</translation>
    </message>
    <message>
        <source>Cannot read this record: {reason}</source>
        <translation>Kan ikke lese denne posten: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n reason(s) found</source>
        <translation>
            <numerusform>%n årsak funnet</numerusform>
            <numerusform>%n årsaker funnet</numerusform>
        </translation>
    </message>
    <message>
        <source>Job {id}: {message}</source>
        <translation>Jobb {id}: {message}</translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>ingenting å gjøre</translation>
    </message>
    <message>
        <source>Job {id} {status}: {message}</source>
        <translation>Jobb {id} {status}: {message}</translation>
    </message>
    <message>
        <source>Nothing was synchronized.</source>
        <translation>Ingenting ble synkronisert.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nei</translation>
    </message>
    <message>
        <source>This column cannot be sorted</source>
        <translation>Denne kolonnen kan ikke sorteres</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Coupled to ({side})</source>
        <translation>Koblet til ({side})</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Feil</translation>
    </message>
    <message>
        <source>Last synchronized</source>
        <translation>Sist synkronisert</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Nøkkel</translation>
    </message>
    <message>
        <source>Last modified</source>
        <translation>Sist endret</translation>
    </message>
    <message>
        <source>Not coupled</source>
        <translation>Ikke koblet</translation>
    </message>
    <message>
        <source>Coupled</source>
        <translation>Koblet</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Hoppes over</translation>
    </message>
    <message>
        <source>{state} (unfinished write)</source>
        <translation>{state} (uferdig skriving)</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Mapping</source>
        <translation>Tilordning</translation>
    </message>
    <message>
        <source>&amp;Mapping:</source>
        <translation>&amp;Tilordning:</translation>
    </message>
    <message>
        <source>Records of each app</source>
        <translation>Poster i hver app</translation>
    </message>
    <message>
        <source>{side} records</source>
        <translation>{side}-poster</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Rules</source>
        <translation>Regler</translation>
    </message>
    <message>
        <source>A rule settles, during every job, a record changed in both apps on exactly its fields: each field from its winner, a field changed in one app only from that app. Rules of the configuration file are switched off here, not deleted.</source>
        <translation>En regel løser, i hver jobb, en post som er endret i begge appene i nøyaktig dens felt: hvert felt fra sin vinner, et felt som bare er endret i én app fra den appen. Regler fra konfigurasjonsfilen slås av her, de slettes ikke.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>Tilordning</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felt</translation>
    </message>
    <message>
        <source>Winners</source>
        <translation>Vinnere</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <source>On</source>
        <translation>På</translation>
    </message>
    <message>
        <source>Switch &amp;Off</source>
        <translation>Slå &amp;av</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <source>{field} from {side}</source>
        <translation>{field} fra {side}</translation>
    </message>
    <message>
        <source>configuration file</source>
        <translation>konfigurasjonsfilen</translation>
    </message>
    <message>
        <source>saved by {user} {time}</source>
        <translation>lagret av {user} {time}</translation>
    </message>
    <message>
        <source>on</source>
        <translation>på</translation>
    </message>
    <message>
        <source>off</source>
        <translation>av</translation>
    </message>
    <message>
        <source>No rules yet. Save one from Apply to Similar Errors, or write one in the configuration file ([[mapping.rule]]).</source>
        <translation>Ingen regler ennå. Lagre en fra Bruk på lignende feil, eller skriv en i konfigurasjonsfilen ([[mapping.rule]]).</translation>
    </message>
    <message>
        <source>Switch O&amp;n</source>
        <translation>Slå &amp;på</translation>
    </message>
    <message>
        <source>A rule of the configuration file is switched off, not deleted</source>
        <translation>En regel fra konfigurasjonsfilen slås av, den slettes ikke</translation>
    </message>
    <message>
        <source>Switching a rule</source>
        <translation>Slår en regel av eller på</translation>
    </message>
    <message>
        <source>Rule “{name}” is on.</source>
        <translation>Regelen «{name}» er på.</translation>
    </message>
    <message>
        <source>Rule “{name}” is off.</source>
        <translation>Regelen «{name}» er av.</translation>
    </message>
    <message>
        <source>Delete Rule</source>
        <translation>Slett regel</translation>
    </message>
    <message>
        <source>Delete rule “{name}” of mapping {mapping}? Jobs no longer apply it.</source>
        <translation>Slette regelen «{name}» i tilordningen {mapping}? Jobbene bruker den ikke lenger.</translation>
    </message>
    <message>
        <source>Deleting a rule</source>
        <translation>Sletter en regel</translation>
    </message>
    <message>
        <source>Rule “{name}” was deleted.</source>
        <translation>Regelen «{name}» ble slettet.</translation>
    </message>
</context>
<context>
    <name>SignInBanner</name>
    <message>
        <source>Sign in…</source>
        <translation>Logg på…</translation>
    </message>
    <message>
        <source>{apps}: sign in to synchronize.</source>
        <translation>{apps}: logg på for å synkronisere.</translation>
    </message>
    <message>
        <source>Sign in to {app} with a code from Microsoft</source>
        <translation>Logg på {app} med en kode fra Microsoft</translation>
    </message>
</context>
<context>
    <name>SimilarChoice</name>
    <message>
        <source>Decision</source>
        <translation>Avgjørelse</translation>
    </message>
    <message>
        <source>Action for every error alike</source>
        <translation>Handling for alle lignende feil</translation>
    </message>
    <message>
        <source>Whole record</source>
        <translation>Hele posten</translation>
    </message>
    <message>
        <source>Version to use for {field}</source>
        <translation>Versjon som skal brukes for {field}</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Velg …</translation>
    </message>
    <message>
        <source>the {side} version</source>
        <translation>versjonen fra {side}</translation>
    </message>
    <message>
        <source>A field changed in one app only keeps that change, as in Synchronize.</source>
        <translation>Et felt som bare er endret i én app, beholder den endringen, som i Synkroniser.</translation>
    </message>
    <message>
        <source>Retry: include each record in the next synchronization</source>
        <translation>Prøv på nytt: ta med hver post i neste synkronisering</translation>
    </message>
    <message>
        <source>Restore Records: recreate each in {app}</source>
        <translation>Gjenopprett poster: opprett hver på nytt i {app}</translation>
    </message>
    <message>
        <source>Delete Records: delete each in {app} too</source>
        <translation>Slett poster: slett hver også i {app}</translation>
    </message>
    <message>
        <source>Ac&amp;tion:</source>
        <translation>&amp;Handling:</translation>
    </message>
</context>
<context>
    <name>SimilarDialog</name>
    <message>
        <source>Apply to Similar Errors</source>
        <translation>Bruk på lignende feil</translation>
    </message>
    <message>
        <source>Looking for the errors alike…</source>
        <translation>Ser etter lignende feil …</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Comment for the journal (optional)</source>
        <translation>Kommentar til journalen (valgfritt)</translation>
    </message>
    <message>
        <source>&amp;Save as rule, for the next jobs&apos; conflicts:</source>
        <translation>&amp;Lagre som regel for de neste jobbenes konflikter:</translation>
    </message>
    <message>
        <source>Jobs then settle every conflict on exactly these fields by themselves, each field from its winner</source>
        <translation>Jobbene løser da hver konflikt i nøyaktig disse feltene av seg selv, hvert felt fra sin vinner</translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation>Regelnavn</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Hva som ble gjort</translation>
    </message>
    <message>
        <source>&amp;Apply to All</source>
        <translation>Bruk på &amp;alle</translation>
    </message>
    <message>
        <source>the same fields</source>
        <translation>de samme feltene</translation>
    </message>
    <message>
        <source>changed in both apps on {fields}</source>
        <translation>endret i begge appene i {fields}</translation>
    </message>
    <message>
        <source>failed with a message of the same pattern</source>
        <translation>mislyktes med en melding av samme mønster</translation>
    </message>
    <message numerus="yes">
        <source>%n open error(s) of mapping {mapping} are alike: {why}.</source>
        <translation>
            <numerusform>%n åpen feil i tilordningen {mapping} ligner: {why}.</numerusform>
            <numerusform>%n åpne feil i tilordningen {mapping} ligner: {why}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a version for: {fields}</source>
        <translation>Velg en versjon for: {fields}</translation>
    </message>
    <message>
        <source>Give the rule a name, or leave Save as rule off.</source>
        <translation>Gi regelen et navn, eller la Lagre som regel være av.</translation>
    </message>
    <message numerus="yes">
        <source>Applying to %n error(s)…</source>
        <translation>
            <numerusform>Bruker på %n feil …</numerusform>
            <numerusform>Bruker på %n feil …</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Applying to similar errors</source>
        <translation>Bruker på lignende feil</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>{done} of {total} error(s) resolved.</source>
        <translation>{done} av {total} feil løst.</translation>
    </message>
    <message>
        <source>Cancelled: what was done stays done, the rest are still open.</source>
        <translation>Avbrutt: det som ble gjort, er gjort, resten er fortsatt åpne.</translation>
    </message>
    <message numerus="yes">
        <source>%n could not be resolved:</source>
        <translation>
            <numerusform>%n kunne ikke løses:</numerusform>
            <numerusform>%n kunne ikke løses:</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved as rule “{name}”.</source>
        <translation>Lagret som regelen «{name}».</translation>
    </message>
    <message>
        <source>Nothing more was applied: {message}</source>
        <translation>Ingenting mer ble brukt: {message}</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>Avbryter etter gjeldende parti …</translation>
    </message>
</context>
<context>
    <name>SimilarOffer</name>
    <message>
        <source>Apply the same choice to similar errors</source>
        <translation>Bruk samme valg på lignende feil</translation>
    </message>
    <message numerus="yes">
        <source>Apply the Same to %n Similar Error(s)…</source>
        <translation>
            <numerusform>Bruk det samme på %n lignende feil …</numerusform>
            <numerusform>Bruk det samme på %n lignende feil …</numerusform>
        </translation>
    </message>
    <message>
        <source>Open errors of the same mapping changed in both apps on the same fields: resolve them with the same choice</source>
        <translation>Åpne feil i samme tilordning som er endret i begge appene i de samme feltene: løs dem med samme valg</translation>
    </message>
</context>
<context>
    <name>SimilarPreview</name>
    <message>
        <source>Preview of what both apps will hold</source>
        <translation>Forhåndsvisning av hva begge appene får</translation>
    </message>
    <message>
        <source>{side} record</source>
        <translation>{side}-post</translation>
    </message>
    <message>
        <source>{side} will hold</source>
        <translation>{side} får</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Forrige</translation>
    </message>
    <message>
        <source>Ne&amp;xt</source>
        <translation>&amp;Neste</translation>
    </message>
    <message>
        <source>(deleted already)</source>
        <translation>(allerede slettet)</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>slettet</translation>
    </message>
    <message>
        <source>unchanged now; tried again at the next synchronization</source>
        <translation>uendret nå; prøves på nytt ved neste synkronisering</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>uendret</translation>
    </message>
    <message>
        <source>recreated: {values}</source>
        <translation>opprettet på nytt: {values}</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Nå:</translation>
    </message>
    <message>
        <source>Records {first}–{last} of {total}</source>
        <translation>Poster {first}–{last} av {total}</translation>
    </message>
</context>
<context>
    <name>StateBanner</name>
    <message>
        <source>Coupling state</source>
        <translation>Koblingsstatus</translation>
    </message>
    <message>
        <source>Why is this record not synchronizing?</source>
        <translation>Hvorfor synkroniseres ikke denne posten?</translation>
    </message>
    <message>
        <source>Not coupled</source>
        <translation>Ikke koblet</translation>
    </message>
    <message>
        <source>No {side} record is coupled to it.</source>
        <translation>Ingen {side}-post er koblet til den.</translation>
    </message>
    <message>
        <source>unresolved error</source>
        <translation>uløst feil</translation>
    </message>
    <message>
        <source>Skipped — {kind}</source>
        <translation>Hoppes over — {kind}</translation>
    </message>
    <message>
        <source>Coupled record deleted</source>
        <translation>Den koblede posten er slettet</translation>
    </message>
    <message>
        <source>Coupled</source>
        <translation>Koblet</translation>
    </message>
    <message>
        <source>never</source>
        <translation>aldri</translation>
    </message>
    <message>
        <source>Coupled to {side} record {key} · last synchronized {when}</source>
        <translation>Koblet til {side}-posten {key} · sist synkronisert {when}</translation>
    </message>
    <message>
        <source>Not created in {side} yet</source>
        <translation>Ikke opprettet i {side} ennå</translation>
    </message>
    <message>
        <source>Not in {side} (any more)</source>
        <translation>Finnes ikke (lenger) i {side}</translation>
    </message>
</context>
<context>
    <name>SynchronizeDialog</name>
    <message>
        <source>Synchronize {mapping} {key}</source>
        <translation>Synkroniser {mapping} {key}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{erp}&lt;/b&gt; record {erp_key} and &lt;b&gt;{crm}&lt;/b&gt; record {crm_key}.&lt;br&gt;{message}</source>
        <translation>&lt;b&gt;{erp}&lt;/b&gt;-posten {erp_key} og &lt;b&gt;{crm}&lt;/b&gt;-posten {crm_key}.&lt;br&gt;{message}</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Bruk</translation>
    </message>
    <message>
        <source>&amp;Keep both apps&apos; changes</source>
        <translation>Behold &amp;endringene fra begge appene</translation>
    </message>
    <message>
        <source>Use the {side} version</source>
        <translation>Bruk versjonen fra {side}</translation>
    </message>
    <message>
        <source>Chosen per field</source>
        <translation>Valgt per felt</translation>
    </message>
    <message>
        <source>A field changed in one app only keeps that change; a field changed in both needs your choice</source>
        <translation>Et felt som er endret i bare én app, beholder den endringen; et felt som er endret i begge, trenger ditt valg</translation>
    </message>
    <message>
        <source>Amber rows differ between the apps; a bold blue value changed since the last synchronization. A field copied one way only offers only the app it is copied from. In the table, ← takes the {erp} value and → the {crm} value.</source>
        <translation>Gule rader er ulike i de to appene; en blå verdi i fet skrift er endret siden forrige synkronisering. Et felt som bare kopieres én vei, tilbyr bare appen det kopieres fra. I tabellen velger ← verdien fra {erp} og → verdien fra {crm}.</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Comment for the journal (optional)</source>
        <translation>Kommentar til journalen (valgfritt)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Velg …</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(velg)</translation>
    </message>
    <message>
        <source>Changed in both apps — choose a version for: {fields}</source>
        <translation>Endret i begge appene – velg en versjon for: {fields}</translation>
    </message>
    <message>
        <source>Fields of both versions</source>
        <translation>Feltene i begge versjonene</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Felt</translation>
    </message>
    <message>
        <source>Last synchronized</source>
        <translation>Sist synkronisert</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Bruk</translation>
    </message>
    <message>
        <source>Both apps will hold</source>
        <translation>Begge appene får</translation>
    </message>
    <message>
        <source>Changed since the last synchronization</source>
        <translation>Endret siden forrige synkronisering</translation>
    </message>
    <message>
        <source>same in both</source>
        <translation>lik i begge</translation>
    </message>
    <message>
        <source>Version to use for {field}</source>
        <translation>Versjon som skal brukes for {field}</translation>
    </message>
</context>
<context>
    <name>SynchronizeFlow</name>
    <message>
        <source>Reading both versions</source>
        <translation>Leser begge versjonene</translation>
    </message>
    <message>
        <source>Synchronize</source>
        <translation>Synkroniser</translation>
    </message>
    <message>
        <source>Choose the version both apps get.</source>
        <translation>Velg versjonen begge appene skal få.</translation>
    </message>
    <message>
        <source>Synchronize cancelled: nothing was written.</source>
        <translation>Synkronisering avbrutt: ingenting ble skrevet.</translation>
    </message>
    <message>
        <source>Nothing differs any more; closing the error</source>
        <translation>Ingenting er ulikt lenger; lukker feilen</translation>
    </message>
    <message>
        <source>Synchronizing</source>
        <translation>Synkroniserer</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Why (optional; kept in the journal)</source>
        <translation>Hvorfor (valgfritt; lagres i journalen)</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Angre</translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <source>Creating the demo ERP and CRM…</source>
        <translation>Oppretter demo-ERP og demo-CRM …</translation>
    </message>
    <message>
        <source>Synchronizing them for the first time…</source>
        <translation>Synkroniserer dem for første gang …</translation>
    </message>
    <message>
        <source>People edit records in both apps…</source>
        <translation>Folk endrer poster i begge appene …</translation>
    </message>
    <message>
        <source>Synchronizing again, which finds the problems…</source>
        <translation>Synkroniserer på nytt og finner problemene …</translation>
    </message>
    <message>
        <source>Welcome to desktop-sync</source>
        <translation>Velkommen til desktop-sync</translation>
    </message>
    <message>
        <source>desktop-sync logo</source>
        <translation>desktop-sync-logo</translation>
    </message>
    <message>
        <source>desktop-sync keeps the coupled records of your ERP and your CRM synchronized. When it cannot — two people made a change to the same record in both apps, or someone deleted a record in one of the apps but not both — the record waits under Coupled Data Synchronization Errors until you decide what to do.</source>
        <translation>desktop-sync holder de koblede postene i ERP-en og CRM-en din synkronisert. Når det ikke går – to personer foretok en endring i den samme posten i begge appene, eller noen slettet en post i en av appene, men ikke i begge – venter posten under Feil ved synkronisering av koblede data til du bestemmer hva som skal skje.</translation>
    </message>
    <message>
        <source>There is no configuration yet. How do you want to start?</source>
        <translation>Det finnes ingen konfigurasjon ennå. Hvordan vil du begynne?</translation>
    </message>
    <message>
        <source>Open demo data</source>
        <translation>Åpne demodata</translation>
    </message>
    <message>
        <source>Two small sample apps, already synchronized, with an error of every kind waiting for you. Nothing of yours is touched. Created in {folder}.</source>
        <translation>To små eksempelapper, allerede synkronisert, med én feil av hver type som venter på deg. Ingenting av ditt blir rørt. Opprettes i {folder}.</translation>
    </message>
    <message>
        <source>Connect my apps</source>
        <translation>Koble til appene mine</translation>
    </message>
    <message>
        <source>Tell desktop-sync how to reach your ERP, your CRM and its own store, and which table to synchronize. Both connections and every mapped column are checked before anything is saved.</source>
        <translation>Fortell desktop-sync hvordan den når ERP-en, CRM-en og sin egen database, og hvilken tabell som skal synkroniseres. Begge tilkoblingene og alle tilordnede kolonner kontrolleres før noe lagres.</translation>
    </message>
    <message>
        <source>Progress of the demo data</source>
        <translation>Fremdrift for demodataene</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>Trinn %v av %m</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avslutt</translation>
    </message>
    <message>
        <source>Quit desktop-sync</source>
        <translation>Avslutt desktop-sync</translation>
    </message>
    <message>
        <source>{folder} exists but holds no demo configuration. Move it away or delete it, then try again.</source>
        <translation>{folder} finnes, men inneholder ingen demokonfigurasjon. Flytt eller slett mappen, og prøv på nytt.</translation>
    </message>
    <message>
        <source>Creating the demo data in {folder}…</source>
        <translation>Oppretter demodataene i {folder} …</translation>
    </message>
    <message>
        <source>Creating the demo data</source>
        <translation>Oppretter demodataene</translation>
    </message>
    <message>
        <source>The demo data is ready.</source>
        <translation>Demodataene er klare.</translation>
    </message>
    <message>
        <source>The demo data could not be created: {reason}</source>
        <translation>Demodataene kunne ikke opprettes: {reason}</translation>
    </message>
    <message>
        <source>Please wait a moment: this finishes first.</source>
        <translation>Vent litt: dette må bli ferdig først.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>running</source>
        <translation>kjører</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fullført</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>avbrutt</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>avbrutt underveis</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislyktes</translation>
    </message>
    <message>
        <source>inserted</source>
        <translation>satt inn</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>endret</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>uendret</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>slettet</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>hoppet over</translation>
    </message>
    <message>
        <source>coupled</source>
        <translation>koblet</translation>
    </message>
    <message>
        <source>uncoupled</source>
        <translation>frakoblet</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>gjenopprettet</translation>
    </message>
    <message>
        <source>retried</source>
        <translation>prøvd på nytt</translation>
    </message>
    <message>
        <source>both ways</source>
        <translation>begge veier</translation>
    </message>
    <message>
        <source>ERP → CRM</source>
        <translation>ERP → CRM</translation>
    </message>
    <message>
        <source>CRM → ERP</source>
        <translation>CRM → ERP</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>manuelt</translation>
    </message>
    <message>
        <source>job queue</source>
        <translation>jobbkø</translation>
    </message>
    <message>
        <source>looking for deleted records</source>
        <translation>ser etter slettede poster</translation>
    </message>
    <message>
        <source>waiting {seconds} s (service limit)</source>
        <translation>venter {seconds} s (tjenestens grense)</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) will be retried at the next synchronization</source>
        <translation>
            <numerusform>%n post prøves på nytt ved neste synkronisering</numerusform>
            <numerusform>%n poster prøves på nytt ved neste synkronisering</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coupling(s) removed</source>
        <translation>
            <numerusform>%n kobling fjernet</numerusform>
            <numerusform>%n koblinger fjernet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) synchronized</source>
        <translation>
            <numerusform>%n post synkronisert</numerusform>
            <numerusform>%n poster synkronisert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) restored</source>
        <translation>
            <numerusform>%n post gjenopprettet</numerusform>
            <numerusform>%n poster gjenopprettet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) deleted</source>
        <translation>
            <numerusform>%n post slettet</numerusform>
            <numerusform>%n poster slettet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) coupled</source>
        <translation>
            <numerusform>%n post koblet</numerusform>
            <numerusform>%n poster koblet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>run_gui</name>
    <message>
        <source>desktop-sync cannot start</source>
        <translation>desktop-sync kan ikke starte</translation>
    </message>
</context>
</TS>
