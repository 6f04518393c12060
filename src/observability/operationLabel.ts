/** Labels for operation names that are not persisted documents, at most. */
export const MAX_OPERATION_LABELS = 200;
/** Operation names are cut to this many characters (GraphQL names are `[_A-Za-z][_0-9A-Za-z]*` already). */
export const MAX_OPERATION_NAME_LENGTH = 100;

/** How long until a name's recent-use score halves (10 minutes). */
const HALF_LIFE_MS = 10 * 60_000;
/** Names tracked without a label, at most (the least used is forgotten first). */
const MAX_CANDIDATES = 1000;
/** A name without a label takes the place of a labelled one only when used this many times more recently. */
const REPLACE_FACTOR = 2;

export interface OperationLabelsOptions {
  /** Labels for names that are not pinned (default MAX_OPERATION_LABELS). */
  readonly capacity?: number;
  /** Names that always get their label: the operations of the persisted documents (GRAPHQL_PERSISTED_DOCUMENTS). */
  readonly pinned?: Iterable<string>;
  /** Called with a label that lost its place, so that its series leave the registry. */
  readonly onEvict?: (label: string) => void;
  readonly halfLifeMs?: number;
  readonly maxCandidates?: number;
  /** The clock, in milliseconds (tests). */
  readonly now?: () => number;
}

interface Tally {
  /** Uses, each decayed by its age (halving every half-life), as of `at`. */
  score: number;
  at: number;
  labelled: boolean;
}

/**
 * The `operation` label of GraphQL operation names in /metrics, bounded so that names clients make up cannot use the
 * label set up: unnamed operations are `anonymous`; the operations of persisted documents always get their name; any
 * other name gets it while fewer than `capacity` names have one, and otherwise only once it is used more than twice as
 * much, recently (uses decayed by age), as the least used name holding a label, which then loses it (`onEvict`: its
 * series are removed). So a flood of one-off names (`UniqueOp1`, `UniqueOp2`, …) is reported as `other` once the table
 * is full, and cannot push out the names a real client keeps using; a real name that comes later gets its label after
 * a few uses. Every call counts as a use. Memory stays bounded: at most `capacity` labelled names and 1000 others.
 */
export class OperationLabels {
  private readonly tallies = new Map<string, Tally>();
  private readonly pinned: ReadonlySet<string>;
  private readonly capacity: number;
  private readonly halfLifeMs: number;
  private readonly maxCandidates: number;
  private readonly now: () => number;
  private labelled = 0;

  constructor(private readonly options: OperationLabelsOptions = {}) {
    this.pinned = new Set([...(options.pinned ?? [])].map((name) => name.slice(0, MAX_OPERATION_NAME_LENGTH)));
    this.capacity = options.capacity ?? MAX_OPERATION_LABELS;
    this.halfLifeMs = options.halfLifeMs ?? HALF_LIFE_MS;
    this.maxCandidates = options.maxCandidates ?? MAX_CANDIDATES;
    this.now = options.now ?? (() => performance.now());
  }

  /** Names tracked, with a label or without (bounded: capacity + 1000). */
  get tracked(): number {
    return this.tallies.size;
  }

  /** The label of one use of the operation named `name` (see the class). */
  labelOf(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    const label = name.slice(0, MAX_OPERATION_NAME_LENGTH);
    if (this.pinned.has(label)) return label;
    const now = this.now();
    const tally = this.use(label, now);
    if (tally.labelled) return label;
    if (this.labelled < this.capacity) return this.admit(tally, label);
    const weakest = this.weakest(now, (t) => t.labelled);
    if (weakest && tally.score > REPLACE_FACTOR * this.decayed(weakest[1], now)) {
      weakest[1].labelled = false;
      this.labelled -= 1;
      this.options.onEvict?.(weakest[0]);
      return this.admit(tally, label);
    }
    return 'other';
  }

  private admit(tally: Tally, label: string): string {
    tally.labelled = true;
    this.labelled += 1;
    return label;
  }

  /** Counts a use of `label` now; a new name may make the least used unlabelled one be forgotten. */
  private use(label: string, now: number): Tally {
    const known = this.tallies.get(label);
    if (known) {
      known.score = this.decayed(known, now) + 1;
      known.at = now;
      return known;
    }
    if (this.tallies.size - this.labelled >= this.maxCandidates) {
      const forgotten = this.weakest(now, (t) => !t.labelled);
      if (forgotten) this.tallies.delete(forgotten[0]);
    }
    const tally: Tally = { score: 1, at: now, labelled: false };
    this.tallies.set(label, tally);
    return tally;
  }

  private decayed(tally: Tally, now: number): number {
    return tally.score * 2 ** (-(now - tally.at) / this.halfLifeMs);
  }

  private weakest(now: number, which: (t: Tally) => boolean): [string, Tally] | undefined {
    let found: [string, Tally] | undefined;
    let lowest = Infinity;
    for (const entry of this.tallies) {
      if (!which(entry[1])) continue;
      const score = this.decayed(entry[1], now);
      if (score < lowest) {
        lowest = score;
        found = entry;
      }
    }
    return found;
  }
}

const processWide = new OperationLabels();

/** The label of `name` in the process-wide table (no pinned names; series of evicted labels are not removed). */
export function operationLabel(name: string | null | undefined): string {
  return processWide.labelOf(name);
}
