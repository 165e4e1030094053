import { Component, type ReactNode } from 'react';

interface Props {
  /** The page shown; the boundary resets when it changes, so another tab works again. */
  readonly pageId: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly pageId: string;
}

/**
 * A page that throws while rendering shows what happened and what to do, never a blank screen:
 * the project is autosaved, other pages still work, and a reload starts the page afresh.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, pageId: this.props.pageId };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.pageId !== state.pageId ? { error: null, pageId: props.pageId } : null;
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="page-error" role="alert">
        <h2>This page could not be shown</h2>
        <p>
          It stopped with: <q>{error.message.slice(0, 300)}</q>. Your project is saved in this browser, and the other
          pages still work. Reload to open this page afresh.
        </p>
        <button type="button" className="primary" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
