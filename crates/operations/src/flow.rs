//! Minimum-cost maximum flow by successive shortest paths (Bellman–Ford with a queue on the
//! residual graph, which tolerates the negative costs of reverse edges; successive shortest
//! paths never create a negative cycle). The allocation's graphs are small — tens
//! of threats, tens of officers, a few hundred edges — so clarity wins over a faster algorithm.

#[derive(Debug, Clone)]
struct Edge {
    to: usize,
    cap: i64,
    cost: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    edges: Vec<Edge>,
    /// Edge indices leaving each node; edge `e ^ 1` is the reverse of `e`.
    out: Vec<Vec<usize>>,
}

impl Graph {
    pub fn new(nodes: usize) -> Graph {
        Graph {
            edges: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    /// Adds an edge and returns its index, for reading its flow later.
    pub fn add(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        let e = self.edges.len();
        self.edges.push(Edge { to, cap, cost });
        self.out[from].push(e);
        self.edges.push(Edge {
            to: from,
            cap: 0,
            cost: -cost,
        });
        self.out[to].push(e + 1);
        e
    }

    /// The flow on an edge added by [`Graph::add`].
    pub fn flow(&self, e: usize) -> i64 {
        self.edges[e + 1].cap
    }

    /// Pushes as much flow as possible from `s` to `t` at the least cost: `(flow, cost)`.
    pub fn min_cost_max_flow(&mut self, s: usize, t: usize) -> (i64, i64) {
        let n = self.out.len();
        let (mut flow, mut cost) = (0, 0);
        loop {
            let mut dist = vec![i64::MAX; n];
            let mut via: Vec<Option<usize>> = vec![None; n];
            // Bellman–Ford with a queue (SPFA): only nodes whose distance fell are looked at again.
            let mut queued = vec![false; n];
            let mut queue = std::collections::VecDeque::from([s]);
            dist[s] = 0;
            queued[s] = true;
            while let Some(u) = queue.pop_front() {
                queued[u] = false;
                for &e in &self.out[u] {
                    let edge = &self.edges[e];
                    if edge.cap > 0 && dist[u] + edge.cost < dist[edge.to] {
                        dist[edge.to] = dist[u] + edge.cost;
                        via[edge.to] = Some(e);
                        if !queued[edge.to] {
                            queued[edge.to] = true;
                            queue.push_back(edge.to);
                        }
                    }
                }
            }
            if dist[t] == i64::MAX {
                return (flow, cost);
            }
            let mut push = i64::MAX;
            let mut v = t;
            while let Some(e) = via[v] {
                push = push.min(self.edges[e].cap);
                v = self.edges[e ^ 1].to;
            }
            let mut v = t;
            while let Some(e) = via[v] {
                self.edges[e].cap -= push;
                self.edges[e ^ 1].cap += push;
                v = self.edges[e ^ 1].to;
            }
            flow += push;
            cost += push * dist[t];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheaper_route_fills_first_and_the_dearer_takes_the_rest() {
        // s=0, a=1, b=2, t=3.
        let mut g = Graph::new(4);
        let sa = g.add(0, 1, 3, 0);
        g.add(0, 2, 3, 0);
        let at = g.add(1, 3, 2, 1);
        let bt = g.add(2, 3, 5, 4);
        let ab = g.add(1, 2, 5, 0);
        assert_eq!(g.min_cost_max_flow(0, 3), (6, 2 + 4 * 4));
        assert_eq!((g.flow(sa), g.flow(at), g.flow(bt)), (3, 2, 4));
        assert_eq!(g.flow(ab), 1);
    }

    #[test]
    fn a_path_is_rerouted_through_a_reverse_edge() {
        // The classic case where the first shortest path must be partly undone.
        let mut g = Graph::new(4);
        g.add(0, 1, 1, 1);
        g.add(0, 2, 1, 5);
        g.add(1, 2, 1, 1);
        g.add(1, 3, 1, 5);
        g.add(2, 3, 1, 1);
        assert_eq!(g.min_cost_max_flow(0, 3), (2, 12));
    }
}
