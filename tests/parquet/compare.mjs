// compare.mjs -- read wiresift's Parquet tables back with hyparquet (an
// independent reader) and compare every cell with the CSV and NDJSON output of
// the same run.
//
// node compare.mjs DIR CSV NDJSON TABLES CODEC [ROWS_PER_GROUP]
//   TABLES: comma-separated table names in the order the run writes them
//   CODEC:  ZSTD or UNCOMPRESSED (what every column chunk must say)
// CSV gives the exact text of every cell (times with 9 digits); NDJSON tells
// NULL from an empty string.  Prints one line per table; exit 1 on a mismatch.
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { readFileSync, readdirSync } from 'fs'

const [dir, csvPath, ndjsonPath, tableList, codec, groupRows] = process.argv.slice(2)
const names = tableList.split(',')
let bad = 0
const fail = (msg) => {
  if (bad++ < 20) console.log('FAIL ' + msg)
}

// RFC 4180 records; tables are separated by an empty line
function parseCsv(text) {
  const tables = [[]]
  let rec = [], field = '', i = 0, quoted = false
  const endRecord = () => {
    rec.push(field)
    field = ''
    if (rec.length === 1 && rec[0] === '') tables.push([])
    else tables[tables.length - 1].push(rec)
    rec = []
  }
  while (i < text.length) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue }
      if (ch === '"') { quoted = false; i++; continue }
      field += ch; i++; continue
    }
    if (ch === '"') { quoted = true; i++; continue }
    if (ch === ',') { rec.push(field); field = ''; i++; continue }
    if (ch === '\n') { endRecord(); i++; continue }
    field += ch; i++
  }
  if (field !== '' || rec.length) endRecord()
  return tables.filter((t) => t.length)
}

const nsText = (n) => {
  let s = n / 1000000000n, ns = n % 1000000000n
  if (ns < 0n) { ns += 1000000000n; s -= 1n }
  return `${s}.${ns.toString().padStart(9, '0')}`
}

const csvTables = parseCsv(readFileSync(csvPath, 'utf8'))
const ndjson = {}
for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
  if (!line) continue
  const o = JSON.parse(line)
  ;(ndjson[o._table] ||= []).push(o)
}
if (csvTables.length !== names.length) fail(`CSV has ${csvTables.length} tables, expected ${names.length}`)

const files = readdirSync(dir).sort()
const want = names.map((n) => n + '.parquet').sort()
if (JSON.stringify(files) !== JSON.stringify(want)) fail(`files in ${dir}: ${files} (want ${want})`)

let cells = 0
for (let t = 0; t < names.length && t < csvTables.length; t++) {
  const name = names[t]
  const [header, ...rows] = csvTables[t]
  const buf = readFileSync(`${dir}/${name}.parquet`)
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
  const md = parquetMetadata(file)
  const cols = md.schema.slice(1)
  const kv = Object.fromEntries((md.key_value_metadata || []).map((e) => [e.key, e.value]))
  if (kv['wiresift.table'] !== name) fail(`${name}: key_value_metadata wiresift.table = ${kv['wiresift.table']}`)
  if (JSON.stringify(cols.map((c) => c.name)) !== JSON.stringify(header)) fail(`${name}: columns ${cols.map((c) => c.name)} vs CSV ${header}`)
  if (Number(md.num_rows) !== rows.length) fail(`${name}: num_rows ${md.num_rows} vs CSV ${rows.length}`)
  if (groupRows && md.row_groups.length !== Math.ceil(rows.length / Number(groupRows))) fail(`${name}: ${md.row_groups.length} row groups for ${rows.length} rows`)
  for (const rg of md.row_groups)
    for (const cc of rg.columns)
      if (cc.meta_data.codec !== codec) fail(`${name}: codec ${cc.meta_data.codec}`)
  for (const c of cols) {
    if (c.repetition_type !== 'OPTIONAL') fail(`${name}.${c.name}: ${c.repetition_type}`)
    const lt = c.logical_type
    if (c.type === 'BYTE_ARRAY' && lt?.type !== 'STRING') fail(`${name}.${c.name}: BYTE_ARRAY without STRING`)
    if (lt?.type === 'TIMESTAMP' && !(lt.unit === 'NANOS' && lt.isAdjustedToUTC)) fail(`${name}.${c.name}: ${JSON.stringify(lt)}`)
  }
  const got = await parquetReadObjects({ file, compressors, parsers: { timestampFromNanoseconds: (n) => n } })
  const nd = ndjson[name] || []
  if (nd.length !== rows.length) fail(`${name}: NDJSON ${nd.length} rows vs CSV ${rows.length}`)
  // null counts in the footer statistics must agree with the cells
  const nulls = cols.map(() => 0n)
  got.forEach((r, i) => cols.forEach((c, k) => { if (r[c.name] == null) nulls[k]++ }))
  cols.forEach((c, k) => {
    let s = 0n
    for (const rg of md.row_groups) s += BigInt(rg.columns[k].meta_data.statistics?.null_count ?? -1)
    if (s !== nulls[k]) fail(`${name}.${c.name}: null_count ${s}, cells ${nulls[k]}`)
  })
  for (let i = 0; i < rows.length && i < got.length; i++) {
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k], v = got[i][c.name], text = rows[i][k], j = nd[i]?.[c.name]
      const where = `${name} row ${i + 1} ${c.name}`
      cells++
      if (v == null) {
        if (j !== null || text !== '') fail(`${where}: parquet null, CSV [${text}] NDJSON ${JSON.stringify(j)}`)
        continue
      }
      if (j === null) fail(`${where}: NDJSON null, parquet ${v}`)
      if (c.logical_type?.type === 'TIMESTAMP') {
        if (typeof v !== 'bigint' || nsText(v) !== text) fail(`${where}: time ${v} vs CSV ${text}`)
      } else if (c.type === 'INT64') {
        if (typeof v !== 'bigint' || v.toString() !== text) fail(`${where}: ${v} vs CSV ${text}`)
      } else if (c.type === 'DOUBLE') {
        // CSV and NDJSON print %.6f: agree to its last digit
        if (typeof v !== 'number' || Math.abs(v - Number(text)) > 5.000001e-7 * Math.max(1, Math.abs(v))) fail(`${where}: ${v} vs CSV ${text}`)
      } else if (v !== j || v !== text) {
        fail(`${where}: ${JSON.stringify(v)} vs NDJSON ${JSON.stringify(j)} CSV ${JSON.stringify(text)}`)
      }
    }
  }
  console.log(`ok   parquet ${name}: ${got.length} rows x ${cols.length} columns, ${md.row_groups.length} row groups`)
}
console.log(`parquet: ${cells} cells compared, ${bad} mismatches`)
process.exit(bad ? 1 : 0)
