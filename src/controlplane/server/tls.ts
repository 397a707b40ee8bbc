// The control plane's identity: a CA and a serving certificate generated into the data
// directory on first start (kubectl only sends credentials over HTTPS), and the admin token.
import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
// @peculiar/x509 resolves its ASN.1 codecs through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** PEM files of the serving identity. */
export interface ServingIdentity {
  readonly caCert: string;
  readonly cert: string;
  readonly key: string;
  readonly token: string;
}

async function keyToPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return (await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, true, ['sign'])) as unknown as CryptoKey;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
}

async function createCa(): Promise<{ cert: string; key: string }> {
  const keys = await newKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: 'CN=weir-ca',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await keyToPem(keys.privateKey) };
}

function subjectNames(address: string): { type: 'ip' | 'dns'; value: string }[] {
  const names: { type: 'ip' | 'dns'; value: string }[] = [
    { type: 'dns', value: 'localhost' },
    { type: 'ip', value: '127.0.0.1' },
    { type: 'ip', value: '::1' },
  ];
  if (address && !names.some((n) => n.value === address) && address !== '0.0.0.0' && address !== '::') {
    names.push({ type: isIP(address) ? 'ip' : 'dns', value: address });
  }
  return names;
}

async function createServingCert(ca: { cert: string; key: string }, address: string): Promise<{ cert: string; key: string }> {
  const keys = await newKeys();
  const caCert = new x509.X509Certificate(ca.cert);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject: 'CN=weir-apiserver',
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: await importKey(ca.key),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(subjectNames(address)),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { cert: cert.toString('pem'), key: await keyToPem(keys.privateKey) };
}

function servingCertCovers(certPem: string, address: string): boolean {
  const san = new x509.X509Certificate(certPem).getExtension(x509.SubjectAlternativeNameExtension);
  const values = san?.names.items.map((n) => n.value) ?? [];
  return subjectNames(address).every((n) => values.includes(n.value));
}

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
}

/** Loads the identity from `dir`, creating what is missing (and a serving cert that covers `address`). */
export async function loadOrCreateIdentity(dir: string, address: string): Promise<ServingIdentity> {
  const paths = { caCert: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), cert: join(dir, 'apiserver.crt'), key: join(dir, 'apiserver.key'), token: join(dir, 'token') };
  let ca = { cert: readIfPresent(paths.caCert), key: readIfPresent(paths.caKey) };
  if (!ca.cert || !ca.key) {
    const created = await createCa();
    writeFileSync(paths.caCert, created.cert);
    writePrivate(paths.caKey, created.key);
    ca = created;
  }
  let serving = { cert: readIfPresent(paths.cert), key: readIfPresent(paths.key) };
  if (!serving.cert || !serving.key || !servingCertCovers(serving.cert, address)) {
    const created = await createServingCert({ cert: ca.cert!, key: ca.key! }, address);
    writeFileSync(paths.cert, created.cert);
    writePrivate(paths.key, created.key);
    serving = created;
  }
  let token = readIfPresent(paths.token)?.trim();
  if (!token) {
    token = randomBytes(32).toString('hex');
    writePrivate(paths.token, `${token}\n`);
  }
  return { caCert: ca.cert!, cert: serving.cert!, key: serving.key!, token };
}
