// Fuzz the capture reader the page ships: dist/synack-capture_bg.wasm, a
// wasm32 build, where usize is 32 bits. A native fuzzer cannot find what
// only wraps there (a pcapng packet claiming 0xFFFFFFFD bytes did).
//
//   node scripts/fuzz-wasm32.mjs [--seconds N | --inputs N] [--seed S] [files or folders…]
//
// Mutates the given captures (default: tests/fixtures and sim/fuzz/corpus/import)
// and a few made here: flipped bits, bytes, and 32-bit length fields set to
// the values that wrap (0, 0x7FFFFFFF, 0xFFFFFFFC…0xFFFFFFFF, ±small), cut,
// doubled and spliced blocks. Every input must be read or refused with the
// reader's error text; a panic or a trap is a finding, saved under
// sim/fuzz/artifacts/wasm32/, and the exit status is 1. Deterministic for a
// given seed and input count.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return Number(value);
};
const seconds = option('--seconds', undefined);
const inputs = option('--inputs', seconds === undefined ? 20000 : Infinity);
let state = BigInt(option('--seed', 1)) || 1n;
const paths = args.length ? args : [path.join(root, 'tests/fixtures'), path.join(root, 'sim/fuzz/corpus/import')];

const wasmPath = path.join(root, 'dist/synack-capture_bg.wasm');
if (!fs.existsSync(wasmPath)) {
  console.error('fuzz-wasm32: dist/ has no capture reader; build first (trunk build --release)');
  process.exit(2);
}
const reader = await import(path.join(root, 'dist/synack-capture.js'));
const wasmModule = new WebAssembly.Module(fs.readFileSync(wasmPath));
// A fresh instance per finding: a trap leaves the old one unusable.
const fresh = () => reader.initSync({ module: wasmModule });
fresh();

// xorshift64*: the same inputs for the same seed, on any machine.
function next() {
  state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n;
  return Number(((state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 32n);
}
const below = (n) => (n <= 0 ? 0 : next() % n);

/** pcapng: section header, one raw-IPv4 interface, and one packet claiming `claimed` bytes. */
function pcapngClaiming(claimed) {
  const words = [0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0xFFFFFFFF, 0xFFFFFFFF, 28, 1, 20, 101, 0, 20, 6, 32, 0, 0, 0, claimed, 0, 32];
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  return b;
}
const seeds = [pcapngClaiming(20), pcapngClaiming(0xFFFFFFFD)];
for (const p of paths) {
  if (!fs.existsSync(p)) continue;
  const files = fs.statSync(p).isDirectory() ? fs.readdirSync(p).map((f) => path.join(p, f)) : [p];
  for (const f of files) if (fs.statSync(f).isFile() && fs.statSync(f).size <= 1 << 20) seeds.push(fs.readFileSync(f));
}

const WRAPPING = [0, 1, 2, 3, 4, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFC, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFF, 0x10000, 0x4000000];
function mutate(input) {
  let b = Buffer.from(input);
  for (let n = 1 + below(4); n > 0; n--) {
    switch (below(7)) {
      case 0: if (b.length) b[below(b.length)] ^= 1 << below(8); break;
      case 1: if (b.length) b[below(b.length)] = below(256); break;
      case 2: { // a length field: 4-aligned, either byte order, a value that wraps or one a little off
        if (b.length < 4) break;
        const at = below(b.length >> 2) * 4;
        const old = b.readUInt32LE(at);
        const v = below(2) ? WRAPPING[below(WRAPPING.length)] : (old + below(33) - 16) >>> 0;
        if (below(2)) b.writeUInt32LE(v >>> 0, at); else b.writeUInt32BE(v >>> 0, at);
        break;
      }
      case 3: b = b.subarray(0, below(b.length + 1)); break;
      case 4: { // a block doubled
        const from = below(b.length), len = below(Math.min(256, b.length - from) + 1);
        const at = below(b.length + 1);
        b = Buffer.concat([b.subarray(0, at), b.subarray(from, from + len), b.subarray(at)]);
        break;
      }
      case 5: { // spliced with another seed
        const other = seeds[below(seeds.length)];
        b = Buffer.concat([b.subarray(0, below(b.length + 1)), other.subarray(below(other.length + 1))]);
        break;
      }
      default: if (b.length >= 2) b.writeUInt16LE(below(0x10000), below(b.length - 1));
    }
  }
  return b;
}

const started = Date.now();
const findings = [];
let read = 0, refused = 0, count = 0;
while (count < inputs && (seconds === undefined || Date.now() - started < seconds * 1000)) {
  const input = count < seeds.length ? seeds[count] : mutate(seeds[below(seeds.length)]);
  count++;
  try {
    reader.read(new Uint8Array(input), () => {});
    read++;
  } catch (e) {
    // A refusal is the reader's error text; anything else is a panic or a trap.
    if (typeof e === 'string') { refused++; continue; }
    const name = 'crash-' + crypto.createHash('sha1').update(input).digest('hex').slice(0, 16);
    const dir = path.join(root, 'sim/fuzz/artifacts/wasm32');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), input);
    findings.push(`${name}: ${e && e.message || e}`);
    fresh();
  }
}
const secs = (Date.now() - started) / 1000;
console.log(`fuzz-wasm32: ${count.toLocaleString('en')} inputs from ${seeds.length} seeds in ${secs.toFixed(1)} s ` +
  `(${Math.round(count / secs).toLocaleString('en')}/s): ${read.toLocaleString('en')} read, ${refused.toLocaleString('en')} refused, ${findings.length} findings`);
for (const f of findings.slice(0, 20)) console.log('  ' + f);
process.exit(findings.length ? 1 : 0);
