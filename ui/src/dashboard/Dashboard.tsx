import type { Route } from '../app/router';
import type { StorageProvider } from '../storage/types';
import { ImportProgressBar } from '../transfer/ImportProgressBar';
import { CanvasesView } from './CanvasesView';
import { HistoryView } from './HistoryView';
import { ImportDropZone } from './ImportDropZone';
import { Sidebar } from './Sidebar';
import { TrashView } from './TrashView';

export function Dashboard({ route, provider }: { route: Route; provider: StorageProvider }) {
  return (
    <div className="dashboard" data-testid="dashboard">
      <Sidebar route={route} provider={provider} />
      <main className="dashboard__main">
        <ImportDropZone provider={provider}>
          {route.screen === 'trash' ? (
            <TrashView provider={provider} />
          ) : route.screen === 'history' ? (
            <HistoryView />
          ) : (
            <CanvasesView provider={provider} />
          )}
        </ImportDropZone>
      </main>
      <ImportProgressBar />
    </div>
  );
}
