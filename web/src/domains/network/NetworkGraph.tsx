// The drawing of the network: Cytoscape, loaded only when a graph is first shown (its chunk stays out
// of the main bundle). Accounts are squares, contacts circles, the user's own records outlined;
// tapping a record expands it. The list beside it offers the same to keyboard and screen readers.
import { useEffect, useRef } from 'react';
import { Box } from '@mantine/core';
import type { Core } from 'cytoscape';
import type { GraphModel } from './graph-model.ts';

interface Props {
  graph: GraphModel;
  centerId: string;
  edgeLabel: (typeId: string | null | undefined) => string;
  onExpand: (node: { id: string; object: 'accounts' | 'contacts' }) => void;
  ariaLabel: string;
}

const style = [
  { selector: 'node', style: { label: 'data(label)', 'font-size': 11, color: '#1a1b1e', 'text-valign': 'bottom', 'text-margin-y': 4, 'background-color': '#1c7ed6', width: 26, height: 26 } },
  { selector: 'node[object = "contacts"]', style: { shape: 'ellipse', 'background-color': '#0c8599' } },
  { selector: 'node[object = "accounts"]', style: { shape: 'round-rectangle' } },
  { selector: 'node[?isMine]', style: { 'border-width': 3, 'border-color': '#e8590c' } },
  { selector: 'node[?isCenter]', style: { width: 36, height: 36 } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': '#868e96', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, color: '#495057', 'text-rotation': 'autorotate' } },
  { selector: 'edge[direction = "directed"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#868e96' } },
] as const;

export default function NetworkGraph({ graph, centerId, edgeLabel, onExpand, ariaLabel }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const expand = useRef(onExpand);
  expand.current = onExpand;

  useEffect(() => {
    let isLive = true;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (!isLive || !container.current) return;
      cy.current = cytoscape({ container: container.current, style: style as never, minZoom: 0.3, maxZoom: 3, wheelSensitivity: 0.3 });
      cy.current.on('tap', 'node', (event) => expand.current({ id: event.target.id(), object: event.target.data('object') }));
      // The graph may have grown while the library loaded: draw the latest one.
      latestDraw.current();
    });
    return () => {
      isLive = false;
      cy.current?.destroy();
      cy.current = null;
    };
  }, []);

  const draw = () => {
    const core = cy.current;
    if (!core) return;
    core.elements().remove();
    core.add([
      ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, label: n.title ?? '—', object: n.object, isMine: n.isMine, isCenter: n.id === centerId } })),
      ...graph.edges.map((e) => ({
        group: 'edges' as const,
        data: { id: e.id, source: e.fromId, target: e.toId, label: edgeLabel(e.typeId), direction: e.direction ?? 'directed', width: 1 + (e.strength ?? 3) / 2 },
      })),
    ]);
    core.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true } as never).run();
    core.fit(undefined, 24);
    // A few records would fill the box at full zoom: keep them at a readable size, centred.
    if (core.zoom() > 1.4) {
      core.zoom(1.4);
      core.center();
    }
  };

  const latestDraw = useRef(draw);
  latestDraw.current = draw;
  useEffect(draw, [graph, centerId, edgeLabel]);

  return <Box ref={container} role="img" aria-label={ariaLabel} h={360} w="100%" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }} />;
}
