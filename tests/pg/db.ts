import {randomBytes} from 'node:crypto'
import {Client} from 'pg'

/** The throw-away server's URL, set by scripts/pg/with-postgres.sh (`npm run test:pg`). */
export function serverUrl(): string {
  const url = process.env.BRIEFCHECK_PG_URL
  if (!url) throw new Error('BRIEFCHECK_PG_URL is not set: run these tests with `npm run test:pg`')
  return url
}

/** Creates an empty database on the test server and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const url = serverUrl()
  const name = `bc_${randomBytes(6).toString('hex')}`
  const admin = new Client({connectionString: url})
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  return withDatabase(url, name)
}

/** The same server URL naming another database (or user). */
export function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  if (user) parsed.username = user
  return parsed.toString()
}

/** Runs one query on a database and returns its rows. */
export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({connectionString: url})
  await client.connect()
  try {
    return (await client.query(sql, params)).rows as T[]
  } finally {
    await client.end()
  }
}
