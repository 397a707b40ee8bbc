// A throw-away PKI for HTTPS tests, made with the `openssl` program: a CA, a server certificate
// for 127.0.0.1 (IP SAN, so clients that check the name accept it) and a client certificate for
// mTLS, all signed by that CA. P-256 keys in PKCS#8 PEM, which both OpenSSL and GnuTLS (Debian's
// git links libcurl-gnutls) read.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, tempDir } from './git-servers.js';

/** Debian package `openssl`. */
export const OPENSSL_MISSING_MESSAGE = 'openssl not installed (apt-get install openssl): skipping the HTTPS tests that need a test CA';

/** Whether the `openssl` program runs. */
export function opensslInstalled(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/** A certificate and its unencrypted private key, both PEM. */
export interface TestKeyPair {
  cert: string;
  key: string;
}

/** The test PKI: `ca.cert` is what a Secret's `ca.crt` holds; `ca.key` signs, nothing else uses it. */
export interface TestCertificates {
  ca: TestKeyPair;
  /** For `127.0.0.1` (IP SAN) and `localhost` (DNS SAN), serverAuth. */
  server: TestKeyPair;
  /** CN=`clientName`, clientAuth (a Secret's `tls.crt` / `tls.key`). */
  client: TestKeyPair;
  clientName: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Generates a fresh CA, server and client certificate (valid for two days) in a temp dir it removes afterwards. */
export async function generateTestCertificates(options: { caName?: string; clientName?: string } = {}): Promise<TestCertificates> {
  if (!opensslInstalled()) throw new Error(OPENSSL_MISSING_MESSAGE);
  const clientName = options.clientName ?? 'weir-test-client';
  const dir = await tempDir('weir-pki-');
  const openssl = (args: string[]) => run(args, { program: 'openssl', env: { PATH: process.env.PATH, HOME: dir.path } });
  const file = (name: string) => join(dir.path, name);
  try {
    await openssl(['req', '-x509', ...EC_KEY, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2',
      '-subj', `/CN=${options.caName ?? 'weir-test-ca'}`, '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    const sign = async (name: string, subject: string, extensions: string[]) => {
      await openssl(['req', '-new', ...EC_KEY, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject]);
      await writeFile(file(`${name}.ext`), `${['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', ...extensions].join('\n')}\n`);
      await openssl(['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
        '-days', '2', '-sha256', '-extfile', file(`${name}.ext`), '-out', file(`${name}.crt`)]);
      return { cert: await readFile(file(`${name}.crt`), 'utf8'), key: await readFile(file(`${name}.key`), 'utf8') };
    };
    const server = await sign('server', '/CN=127.0.0.1', ['extendedKeyUsage=serverAuth', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
    const client = await sign('client', `/CN=${clientName}`, ['extendedKeyUsage=clientAuth']);
    const ca = { cert: await readFile(file('ca.crt'), 'utf8'), key: await readFile(file('ca.key'), 'utf8') };
    return { ca, server, client, clientName };
  } finally {
    await dir.remove();
  }
}
