/**
 * One reason path drawn left to right as plain SVG (service → capability / data category → … →
 * obligation → provision): a box per step, an arrow labelled with the relationship between steps.
 * Plain SVG keeps the bundle free of a graph library and of anything CSP would refuse.
 */
import { useId } from 'react';
import { nodeTypeLabel, viaLabel } from './labels.ts';
import { NODE_W, PAD, wrap } from './text-wrap.ts';
import type { Language, Row } from './model.ts';

type Step = Row['reasons'][number]['path'][number];

const GAP = 76;
const LINE = 14;
/** The gap's width in wrap()'s 11 px units, for the 9 px relationship label. */
const VIA_WIDTH = ((GAP - 6) * 11) / 9;

function nodeClass(type: string): string {
  if (type === 'Obligation') return 'obligation';
  if (type === 'Provision' || type === 'Regulation') return 'provision';
  if (type === 'SandboxDesignation') return 'designation';
  if (type === 'AIServiceType' || type === 'Deployment') return 'service';
  return 'concept';
}

export function PathDiagram({ path, lang, label }: { path: Step[]; lang: Language; label: string }) {
  // One marker per diagram: ids are page-wide, and React's have characters url(#…) dislikes.
  const arrow = `regkg-arrow-${useId().replace(/[^\w-]/g, '')}`;
  const wrapped = path.map((s) => wrap(s.name));
  const height = 2 * PAD + 12 + LINE * Math.max(1, ...wrapped.map((l) => l.length)) + 4;
  const width = path.length * NODE_W + Math.max(0, path.length - 1) * GAP + 2;
  return (
    <svg
      className="regkg-path"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <defs>
        <marker id={arrow} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="regkg-path-arrowhead" />
        </marker>
      </defs>
      {path.map((step, i) => {
        const x = 1 + i * (NODE_W + GAP);
        const lines = wrapped[i]!;
        return (
          <g key={`${i}-${step.id}`} className={`regkg-path-node regkg-path-node--${nodeClass(step.type)}`} data-node-id={step.id}>
            <title>{`${nodeTypeLabel(step.type, lang)}: ${step.name} (${step.id})`}</title>
            <rect x={x} y={1} width={NODE_W} height={height - 2} rx={6} />
            <text x={x + PAD} y={PAD + 10} className="regkg-path-type">
              {nodeTypeLabel(step.type, lang)}
            </text>
            <text x={x + PAD} y={PAD + 12 + LINE} className="regkg-path-name">
              {lines.map((l, j) => (
                <tspan key={j} x={x + PAD} dy={j === 0 ? 0 : LINE}>
                  {l}
                </tspan>
              ))}
            </text>
            {i < path.length - 1 && (
              <g className="regkg-path-edge">
                <line x1={x + NODE_W} y1={height / 2} x2={x + NODE_W + GAP - 2} y2={height / 2} markerEnd={`url(#${arrow})`} />
                {step.via && (
                  // In words, on up to two lines above the arrow; the graph's relationship name in the title.
                  <text x={x + NODE_W + GAP / 2} y={height / 2 - 5} textAnchor="middle" className="regkg-path-via" data-via={step.via}>
                    <title>{step.via}</title>
                    {wrap(viaLabel(step.via, lang), VIA_WIDTH, 2).reverse().map((l, j) => (
                      <tspan key={j} x={x + NODE_W + GAP / 2} y={height / 2 - 5 - j * 10}>
                        {l}
                      </tspan>
                    ))}
                  </text>
                )}
              </g>
            )}
          </g>
        );
      })}
    </svg>
  );
}
