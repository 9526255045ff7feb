import type { CDPSession } from '@playwright/test';

export interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A full heap snapshot of the page's renderer (every world of the page: the page's own and the extension's). */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<HeapSnapshot> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  return JSON.parse(chunks.join('')) as HeapSnapshot;
}

export interface HeapAttribution {
  /** Bytes attributed to the native contexts the predicate picked (the content script's isolated world). */
  attributedBytes: number;
  /** Every live byte in the snapshot. */
  totalBytes: number;
  /** Bytes per native context name, plus "(shared)" for what no single context holds. */
  byContext: Record<string, number>;
}

const NATIVE_CONTEXT = 'system / NativeContext';
const SCRIPT = 'system / Script / ';

/**
 * A script (its source text, held outside the V8 heap for a content script, and its line ends) has no map of a world,
 * and the engine's script list roots it; it belongs to the world of its origin when just one world has that origin.
 */
function scriptContext(url: string, contextsByOrigin: Map<string, number[]>): number {
  // Written out, not `new URL(url).origin`: that is "null" for chrome-extension: URLs outside a browser.
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(url)?.[0];
  const worlds = (origin && contextsByOrigin.get(origin)) || [];
  return worlds.length === 1 ? (worlds[0] ?? -1) : -1;
}

/**
 * Splits a heap snapshot by JavaScript world, the way V8 attributes memory to contexts for
 * `performance.measureUserAgentSpecificMemory`: an object belongs to the native context of its map's meta map
 * (object → map → meta map → native_context). What has no context of its own (strings, arrays, code) belongs to the
 * context of its immediate dominator: the object without which it would be garbage. Weak edges retain nothing.
 * Scripts go to the world of their URL's origin (see scriptContext).
 */
export function attributeHeap(snapshot: HeapSnapshot, picks: (contextName: string) => boolean): HeapAttribution {
  const { meta } = snapshot.snapshot;
  const NF = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const nodeName = meta.node_fields.indexOf('name');
  const selfSize = meta.node_fields.indexOf('self_size');
  const edgeCount = meta.node_fields.indexOf('edge_count');
  const edgeType = meta.edge_fields.indexOf('type');
  const edgeName = meta.edge_fields.indexOf('name_or_index');
  const edgeTo = meta.edge_fields.indexOf('to_node');
  const weak = meta.edge_types[0].indexOf('weak');
  const element = meta.edge_types[0].indexOf('element');
  const hidden = meta.edge_types[0].indexOf('hidden');
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / NF;

  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0, offset = 0; node < count; node += 1) {
    firstEdge[node] = offset;
    offset += (nodes[node * NF + edgeCount] ?? 0) * EF;
  }
  firstEdge[count] = edges.length;
  const name = (node: number) => strings[nodes[node * NF + nodeName] ?? 0] ?? '';
  const named = (edge: number) => edges[edge + edgeType] !== element && edges[edge + edgeType] !== hidden;
  const target = (edge: number) => (edges[edge + edgeTo] ?? 0) / NF;
  const edgeNamed = (node: number, wanted: string): number => {
    for (let edge = firstEdge[node] ?? 0; edge < (firstEdge[node + 1] ?? 0); edge += EF) {
      if (named(edge) && strings[edges[edge + edgeName] ?? 0] === wanted) return target(edge);
    }
    return -1;
  };

  // The context each object declares through its map; -1 when it declares none.
  const metaContext = new Map<number, number>();
  const contextOfMap = (map: number): number => {
    let context = metaContext.get(map);
    if (context === undefined) {
      const metaMap = edgeNamed(map, 'map');
      const nativeContext = metaMap < 0 ? -1 : edgeNamed(metaMap, 'native_context');
      context = nativeContext >= 0 && name(nativeContext).startsWith(NATIVE_CONTEXT) ? nativeContext : -1;
      metaContext.set(map, context);
    }
    return context;
  };
  const ownContext = new Int32Array(count).fill(-1);
  const contextsByOrigin = new Map<string, number[]>();
  for (let node = 0; node < count; node += 1) {
    if (!name(node).startsWith(`${NATIVE_CONTEXT} / `)) continue;
    const origin = name(node).slice(NATIVE_CONTEXT.length + 3);
    contextsByOrigin.set(origin, [...(contextsByOrigin.get(origin) ?? []), node]);
  }
  for (let node = 0; node < count; node += 1) {
    if (name(node).startsWith(NATIVE_CONTEXT)) ownContext[node] = node;
    else if (name(node).startsWith(SCRIPT))
      ownContext[node] = scriptContext(name(node).slice(SCRIPT.length), contextsByOrigin);
    else {
      const map = edgeNamed(node, 'map');
      if (map >= 0) ownContext[node] = contextOfMap(map);
    }
  }

  const { order, idom } = dominators(count, firstEdge, edges, EF, (edge) => edges[edge + edgeType] === weak, target);
  const context = new Int32Array(count).fill(-1);
  const byContext: Record<string, number> = {};
  let totalBytes = 0;
  let attributedBytes = 0;
  for (const node of order) {
    const own = ownContext[node] ?? -1;
    const inherited = own >= 0 ? own : node === 0 ? -1 : (context[idom[node] ?? 0] ?? -1);
    context[node] = inherited;
    const size = nodes[node * NF + selfSize] ?? 0;
    const label = inherited >= 0 ? name(inherited) : '(shared)';
    byContext[label] = (byContext[label] ?? 0) + size;
    totalBytes += size;
    if (inherited >= 0 && picks(label)) attributedBytes += size;
  }
  return { attributedBytes, totalBytes, byContext };
}

/** Immediate dominators from node 0 (Cooper, Harvey & Kennedy's iterative algorithm over reverse postorder). */
function dominators(
  count: number,
  firstEdge: Uint32Array,
  edges: number[],
  EF: number,
  isWeak: (edge: number) => boolean,
  target: (edge: number) => number,
): { order: number[]; idom: Int32Array } {
  const postorder: number[] = [];
  const visited = new Uint8Array(count);
  const stack: Array<[node: number, edge: number]> = [[0, firstEdge[0] ?? 0]];
  visited[0] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [node, edge] = top;
    if (edge >= (firstEdge[node + 1] ?? 0)) {
      stack.pop();
      postorder.push(node);
      continue;
    }
    top[1] = edge + EF;
    if (isWeak(edge)) continue;
    const next = target(edge);
    if (visited[next]) continue;
    visited[next] = 1;
    stack.push([next, firstEdge[next] ?? 0]);
  }
  const order = postorder.reverse();
  const rank = new Int32Array(count).fill(-1);
  order.forEach((node, index) => (rank[node] = index));

  // Predecessors of every reachable node, over strong edges only.
  const predecessorCount = new Uint32Array(count + 1);
  for (const node of order) {
    for (let edge = firstEdge[node] ?? 0; edge < (firstEdge[node + 1] ?? 0); edge += EF) {
      if (!isWeak(edge)) predecessorCount[target(edge) + 1]! += 1;
    }
  }
  for (let node = 0; node < count; node += 1) predecessorCount[node + 1]! += predecessorCount[node]!;
  const predecessors = new Uint32Array(predecessorCount[count]!);
  const filled = predecessorCount.slice(0, count);
  for (const node of order) {
    for (let edge = firstEdge[node] ?? 0; edge < (firstEdge[node + 1] ?? 0); edge += EF) {
      if (!isWeak(edge)) predecessors[filled[target(edge)]!++] = node;
    }
  }

  const idom = new Int32Array(count).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (rank[a]! > rank[b]!) a = idom[a]!;
      while (rank[b]! > rank[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const node of order) {
      if (node === 0) continue;
      let chosen = -1;
      for (let p = predecessorCount[node]!; p < predecessorCount[node + 1]!; p += 1) {
        const predecessor = predecessors[p]!;
        if (idom[predecessor] === -1) continue;
        chosen = chosen === -1 ? predecessor : intersect(predecessor, chosen);
      }
      if (chosen !== -1 && idom[node] !== chosen) {
        idom[node] = chosen;
        changed = true;
      }
    }
  }
  return { order, idom };
}
