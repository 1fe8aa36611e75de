// GraphiQL, bundled from node_modules at build time (vite.config.ts): nothing loads
// from another host. Tokens go in the headers editor ({"authorization": "Bearer …"}).
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() });
const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      defaultEditorToolsVisibility: 'headers',
      defaultHeaders: '{\n  "authorization": "Bearer <access token from login>"\n}',
      shouldPersistHeaders: false,
    }),
  );
}
