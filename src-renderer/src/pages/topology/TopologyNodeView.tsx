import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { TopologyNode } from '../../../../src-main/contract';

// One box of the graph: its name, and what it is (signal type, projection
// kind, decision tier and priority, lane locality).

export type TopologyNodeData = TopologyNode & { lit: boolean; dimmed: boolean };
export type TopologyFlowNode = Node<TopologyNodeData, 'topology'>;

function detail(node: TopologyNode): string {
  if (node.kind === 'decision') {
    const parts = [
      node.tier !== null ? `tier ${node.tier}` : null,
      node.priority !== null ? `priority ${node.priority}` : null,
    ];
    return parts.filter((part) => part !== null).join(' · ') || 'decision';
  }
  if (node.kind === 'lane' || node.kind === 'model') return node.locality ?? node.kind;
  return node.group;
}

export function TopologyNodeView({ data }: NodeProps<TopologyFlowNode>) {
  const classes = [
    'topology-node',
    `topology-node--${data.kind}`,
    data.lit ? 'topology-node--lit' : '',
    data.dimmed ? 'topology-node--dimmed' : '',
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-kind={data.kind}
      data-lit={data.lit ? 'true' : 'false'}
      title={`${data.kind}: ${data.label}`}
    >
      {data.kind !== 'signal' && <Handle type="target" position={Position.Left} />}
      <span className="topology-node__label">{data.label}</span>
      <span className="topology-node__detail">{detail(data)}</span>
      {data.kind !== 'lane' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}
