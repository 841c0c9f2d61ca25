import { lazy, Suspense } from 'react';
import type { Route } from '../app/router';
import type { StorageProvider } from '../storage/types';
import { ImportProgressBar } from '../transfer/ImportProgressBar';
import { CanvasesView } from './CanvasesView';
import { ImportDropZone } from './ImportDropZone';
import { Sidebar } from './Sidebar';
import { TrashView } from './TrashView';

// Every canvas's runs load when History is first shown (the run history panel is the editor's too).
const HistoryView = lazy(() => import('./HistoryView').then((m) => ({ default: m.HistoryView })));

export function Dashboard({ route, provider }: { route: Route; provider: StorageProvider }) {
  return (
    <div className="dashboard" data-testid="dashboard">
      <Sidebar route={route} provider={provider} />
      <main className="dashboard__main">
        <ImportDropZone provider={provider}>
          {route.screen === 'trash' ? (
            <TrashView provider={provider} />
          ) : route.screen === 'history' ? (
            <Suspense fallback={null}>
              <HistoryView />
            </Suspense>
          ) : (
            <CanvasesView provider={provider} />
          )}
        </ImportDropZone>
      </main>
      <ImportProgressBar />
    </div>
  );
}
