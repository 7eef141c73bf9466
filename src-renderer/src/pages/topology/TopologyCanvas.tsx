import { Background, Controls, MarkerType, ReactFlow, useReactFlow } from '@xyflow/react';
import type { Edge, NodeMouseHandler } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import type { TopologyGraph } from '../../../../src-main/contract';
import { layoutGraph } from './layout-graph';
import { neighbourhood } from './trace-highlight';
import type { Highlight } from './trace-highlight';
import { TopologyNodeView } from './TopologyNodeView';
import type { TopologyFlowNode } from './TopologyNodeView';

// The graph itself: laid out once per profile, lit by the tested prompt,
// dimmed outside the focused node's neighbourhood. Click a node to focus
// it, the background to let go.

const NODE_TYPES = { topology: TopologyNodeView };

interface TopologyCanvasProps {
  graph: TopologyGraph;
  highlight: Highlight | null;
  focus: string | null;
  onFocus(id: string | null): void;
}

export function TopologyCanvas({ graph, highlight, focus, onFocus }: TopologyCanvasProps) {
  const placed = useMemo(() => layoutGraph(graph).nodes, [graph]);
  const focused = useMemo(() => (focus ? neighbourhood(graph, focus) : null), [graph, focus]);
  const { fitView } = useReactFlow();

  const nodes = useMemo<TopologyFlowNode[]>(
    () =>
      placed.map((node) => ({
        id: node.id,
        type: 'topology',
        position: { x: node.x, y: node.y },
        width: node.width,
        height: node.height,
        draggable: false,
        connectable: false,
        data: {
          ...node,
          lit: highlight?.nodes.has(node.id) ?? false,
          dimmed: focused !== null && !focused.has(node.id),
        },
      })),
    [placed, highlight, focused],
  );

  const edges = useMemo<Edge[]>(
    () =>
      graph.edges.map((edge) => {
        const lit = highlight?.edges.has(edge.id) ?? false;
        const dimmed = focused !== null && !(focused.has(edge.from) && focused.has(edge.to));
        return {
          id: edge.id,
          source: edge.from,
          target: edge.to,
          className: `topology-edge${lit ? ' topology-edge--lit' : ''}${dimmed ? ' topology-edge--dimmed' : ''}`,
          animated: lit,
          zIndex: lit ? 1 : 0,
          ...(lit ? { markerEnd: { type: MarkerType.ArrowClosed } } : {}),
        };
      }),
    [graph, highlight, focused],
  );

  useEffect(() => {
    const ids = focused ? [...focused].map((id) => ({ id })) : undefined;
    void fitView({ nodes: ids, padding: 0.15, duration: 250 });
  }, [focused, fitView]);

  const onNodeClick: NodeMouseHandler<TopologyFlowNode> = (_, node) =>
    onFocus(node.id === focus ? null : node.id);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodeClick={onNodeClick}
      onPaneClick={() => onFocus(null)}
      nodesDraggable={false}
      nodesConnectable={false}
      fitView
      fitViewOptions={{ padding: 0.05 }}
      minZoom={0.1}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
