// What labels score: the library's embedding matrix, held by the embedding store
// (library/embedding-store.ts), so a label edit rescans the library without touching SQLite.
export {
  embeddingMatrix as photoMatrix,
  type EmbeddingMatrix as PhotoMatrix,
} from '../library/embedding-store';
