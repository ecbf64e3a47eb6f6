// The app's views, in sidebar order. Each domain adds its view here with one entry.
import type { ComponentType } from 'react';
import {
  ClustersIcon,
  ExportIcon,
  FolderIcon,
  LabelsIcon,
  ModelsIcon,
  PhotosViewIcon,
} from './components/icons';
import { LibraryView } from './library/library-view';
import { LabelsView } from './labels/labels-view';
import { ClustersView } from './clusters/clusters-view';
import { ExportView } from './export/export-view';
import { PhotosView } from './photos/photos-view';
import { ModelsView } from './models/models-view';

export interface AppView {
  /** Stable id: remembered across restarts, used by other views to navigate (`show(id)`). */
  readonly id: string;
  readonly title: string;
  readonly icon: ComponentType<{ readonly className?: string }>;
  readonly View: ComponentType;
}

export const VIEWS: readonly AppView[] = [
  { id: 'photos', title: 'Photos', icon: PhotosViewIcon, View: PhotosView },
  { id: 'labels', title: 'Labels', icon: LabelsIcon, View: LabelsView },
  { id: 'clusters', title: 'Clusters', icon: ClustersIcon, View: ClustersView },
  { id: 'folders', title: 'Folders', icon: FolderIcon, View: LibraryView },
  { id: 'export', title: 'Export', icon: ExportIcon, View: ExportView },
  { id: 'models', title: 'Models', icon: ModelsIcon, View: ModelsView },
];
