/**
 * The jobshift dashboard: a thin React shell over the JSON API (src/server). Charts come from
 * src/report/charts, the same specs the written report renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api.js';
import { Compare } from './pages/Compare.js';
import { Data } from './pages/Data.js';
import { MyJob } from './pages/MyJob.js';
import { Occupation } from './pages/Occupation.js';
import { Occupations } from './pages/Occupations.js';
import { Overview } from './pages/Overview.js';
import { Scenarios } from './pages/Scenarios.js';
import { Score } from './pages/Score.js';
import { Workforce } from './pages/Workforce.js';
import { Link, useLocation } from './router.js';
import './styles.css';

const NAV = [
  { to: '/', label: 'Overview' },
  { to: '/occupations', label: 'Occupations' },
  { to: '/compare', label: 'Compare measures' },
  { to: '/score', label: 'Score tasks' },
  { to: '/scenarios', label: 'Scenarios' },
  { to: '/my-job', label: 'My job' },
  { to: '/workforce', label: 'Workforce' },
  { to: '/data', label: 'Data' },
];

function Page({ path }: { path: string }) {
  const occupation = /^\/occupations\/(\d{2}-\d{4}\.\d{2})\/?$/.exec(path);
  if (occupation) return <Occupation code={occupation[1]!} />;
  switch (path.replace(/\/$/, '') || '/') {
    case '/':
      return <Overview />;
    case '/occupations':
      return <Occupations />;
    case '/compare':
      return <Compare />;
    case '/score':
      return <Score />;
    case '/scenarios':
      return <Scenarios />;
    case '/data':
      return <Data />;
    case '/my-job':
      return <MyJob />;
    case '/workforce':
      return <Workforce />;
    default:
      return (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page at <code>{path}</code>. Go to the <Link to="/">overview</Link>.
          </p>
        </>
      );
  }
}

function App() {
  const { path } = useLocation();
  const current = (to: string) => (to === '/' ? path === '/' : path.startsWith(to));
  return (
    <>
      <header className="top">
        <div className="wrap top-inner">
          <Link to="/" className="brand">
            jobshift
          </Link>
          <span className="tagline">how LLMs change work</span>
          <nav aria-label="Main">
            {NAV.map((n) => (
              <Link key={n.to} to={n.to} aria-current={current(n.to) ? 'page' : undefined}>
                {n.label}
              </Link>
            ))}
          </nav>
        </div>
      </header>
      <main className="wrap" key={path}>
        <Page path={path} />
      </main>
      <footer className="wrap foot">
        Data: O*NET (CC BY 4.0), BLS OEWS, Employment Projections and CPS, GPTs-are-GPTs task labels (Eloundou et al. 2024) and published exposure measures. Exposure means an LLM
        could speed a task up — not that a job disappears. <a href="/api/openapi.json">API</a>
      </footer>
    </>
  );
}

// The overview's numbers are requested before React first renders (the answer is cached for it).
if (location.pathname === '/') {
  const q = new URLSearchParams(location.search);
  void api.summary({ scorer: q.get('scorer') ?? 'human', measure: q.get('measure') ?? 'beta' }).catch(() => undefined);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

