/**
 * A set of the POM files of one scan as bits, each file numbered when first seen (`FileIds`): the files an in-tree
 * BOM's lineage reached are merged into each importer's, and BOMs importing one another made that W³ insertions into
 * Sets (400 such BOMs: 12.6 s); here a merge is a word-wise OR. The numbering depends on the order files are read,
 * but only membership is ever asked, so no output does. Written by hand: a few lines, where a bitset library would be
 * a dependency for them.
 */
export class FileIds {
  private readonly ids = new Map<string, number>()

  idOf(file: string): number {
    let id = this.ids.get(file)
    if (id === undefined) {
      id = this.ids.size
      this.ids.set(file, id)
    }
    return id
  }
}

export class FileSet {
  private words = new Uint32Array(1)

  add(id: number): void {
    this.grow(id >>> 5)
    this.words[id >>> 5] |= 1 << (id & 31)
  }

  has(id: number): boolean {
    const word = id >>> 5
    return word < this.words.length && (this.words[word] & (1 << (id & 31))) !== 0
  }

  addAll(other: FileSet): void {
    const theirs = other.words
    this.grow(theirs.length - 1)
    for (let i = 0; i < theirs.length; i++) this.words[i] |= theirs[i]
  }

  private grow(word: number): void {
    if (word < this.words.length) return
    const next = new Uint32Array(Math.max(word + 1, this.words.length * 2))
    next.set(this.words)
    this.words = next
  }
}
