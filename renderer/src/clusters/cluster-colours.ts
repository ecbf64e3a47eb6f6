// One colour per cluster, the same on the map, its legend, the list and an opened cluster: taken
// from the cluster's id (not its rank), so two views that order clusters differently still agree.
// Hues are spread by the golden angle, so neighbouring ids get distant hues.
export function clusterColour(clusterId: number | null): string {
  if (clusterId === null) return 'rgba(128, 128, 128, 0.45)';
  return `hsl(${Math.round((clusterId * 137.508) % 360)}, 62%, 52%)`;
}
