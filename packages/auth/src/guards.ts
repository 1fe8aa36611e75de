import { forbidden, unauthenticated, type Viewer } from '@storegraph/graphql-kit';

/** The viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** An ADMIN viewer, or UNAUTHENTICATED / FORBIDDEN. */
export function requireAdmin(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (v.role !== 'ADMIN') throw forbidden();
  return v;
}

/** The owner of a record (or an ADMIN), or UNAUTHENTICATED / FORBIDDEN. */
export function requireOwner(viewer: Viewer | null, ownerId: string | null): Viewer {
  const v = requireViewer(viewer);
  if (v.role !== 'ADMIN' && v.userId !== ownerId) throw forbidden();
  return v;
}
