// Order number → the line it was first seen on, for every order of an export (350k in a big
// one), to reject an order whose rows come back after other orders. Plain-number order numbers
// (E-Series) live in typed arrays, outside the JS heap the garbage collector has to walk and
// sizes its growth on; any other spelling falls back to a Map.

/** A plain integer order number, exactly as Number() prints it back ("0012" is not one). */
const PLAIN_NUMBER = /^[1-9]\d{0,14}$/;
const EMPTY = 0; // plain numbers start at 1

export class OrderNumberIndex {
  private keys = new Float64Array(1 << 12);
  private lines = new Int32Array(1 << 12);
  private count = 0;
  private readonly others = new Map<string, number>();

  /** The line recorded for `orderNumber`, if any. */
  get(orderNumber: string): number | undefined {
    if (!PLAIN_NUMBER.test(orderNumber)) return this.others.get(orderNumber);
    const key = Number(orderNumber);
    const slot = this.find(key);
    return this.keys[slot] === key ? this.lines[slot] : undefined;
  }

  /** Records `line` unless the order number is already known. `copy` makes a kept string. */
  add(orderNumber: string, line: number, copy: (text: string) => string = (text) => text): void {
    if (!PLAIN_NUMBER.test(orderNumber)) {
      if (!this.others.has(orderNumber)) this.others.set(copy(orderNumber), line);
      return;
    }
    const key = Number(orderNumber);
    const slot = this.find(key);
    if (this.keys[slot] === key) return;
    this.keys[slot] = key;
    this.lines[slot] = line;
    this.count++;
    if (this.count * 2 > this.keys.length) this.grow();
  }

  get size(): number {
    return this.count + this.others.size;
  }

  /** The slot holding `key`, or the empty one where it would go (linear probing). */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    // Mix the low and high 32 bits: order numbers can pass 2^32.
    let slot = Math.imul((key >>> 0) ^ Math.floor(key / 0x1_0000_0000), 0x9e3779b1) & mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const keys = this.keys;
    const lines = this.lines;
    this.keys = new Float64Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? EMPTY;
      if (key === EMPTY) continue;
      const slot = this.find(key);
      this.keys[slot] = key;
      this.lines[slot] = lines[i] ?? 0;
    }
  }
}
