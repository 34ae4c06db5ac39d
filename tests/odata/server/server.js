// A CAP server for desktop-sync's tests: deploys the model into a SQLite file, then serves it.
// node server.js DBFILE [PORT]   (PORT 0: any free port; prints "listening PORT" when ready)
const cds = require('@sap/cds')
const express = require('express')
const [dbfile, port] = process.argv.slice(2)
;(async () => {
  cds.env.requires.db = { kind: 'sqlite', credentials: { url: dbfile } }
  cds.model = cds.compile.for.nodejs(await cds.load([__dirname + '/db', __dirname + '/srv']))
  const db = await cds.connect.to('db')
  await cds.deploy(cds.model).to(db)
  const app = express()
  await cds.serve('all').from(cds.model).in(app)
  const server = app.listen(Number(port || 0), '127.0.0.1', () => {
    console.log(`listening ${server.address().port}`)
  })
})().catch(e => { console.error(e); process.exit(1) })
