/* backmap interactive map: where each node of the open tree goes, left to right.
 *
 * Pure functions of the tree, apart from filling the x and y arrays given: no page, no state.
 * A node's children are stacked beneath one another in the next column and the node sits at
 * their middle; neighbouring subtrees are pushed apart only as far as their deepest overlap
 * needs (a tidy tree), so a goal's initiatives stay beside it.
 */
var backmapTree = (function () {
  "use strict";

  // The open nodes, depth first from the roots; no recursion, for maps thousands deep.
  function visible(roots, childrenOf) {
    var out = [], stack = roots.slice().reverse();
    while (stack.length) {
      var v = stack.pop();
      out.push(v);
      var children = childrenOf(v);
      for (var c = children.length - 1; c >= 0; c--) stack.push(children[c]);
    }
    return out;
  }

  // Each subtree keeps its contour: the top and bottom edge of every level beneath its root,
  // in its own frame. Placing a subtree below its elder siblings needs only their merged
  // contour, so the whole costs the nodes times the depth. `order` is visible()'s; `height`
  // is known for each node in it; the roots are stacked like the children of one more node.
  function place(order, roots, childrenOf, parentOf, depth, height, spacing, x, y) {
    var n = height.length;
    var top = new Array(n), bottom = new Array(n), local = new Float64Array(n);
    var shift = new Float64Array(n);
    for (var k = order.length - 1; k >= -1; k--) {
      var v = k >= 0 ? order[k] : -1;
      var children = v < 0 ? roots : childrenOf(v);
      if (!children.length) {
        if (v >= 0) {
          top[v] = [0];
          bottom[v] = [height[v]];
        }
        continue;
      }
      var accTop = null, accBottom = null;
      for (var c = 0; c < children.length; c++) {
        var w = children[c], ct = top[w], cb = bottom[w];
        if (accTop === null) {
          shift[w] = 0;
          accTop = ct;
          accBottom = cb;
        } else {
          var common = Math.min(ct.length, accBottom.length), off = -Infinity;
          for (var d = 0; d < common; d++) {
            var gap = v < 0 ? spacing.rootGap : d === 0 ? spacing.gap : spacing.spread;
            off = Math.max(off, accBottom[d] + gap - ct[d]);
          }
          shift[w] = off;
          for (d = 0; d < ct.length; d++) {
            if (d < accBottom.length) accBottom[d] = cb[d] + off;
            else { accTop.push(ct[d] + off); accBottom.push(cb[d] + off); }
          }
        }
        top[w] = bottom[w] = null;
      }
      if (v < 0) break;
      var first = children[0], last = children[children.length - 1];
      var middle = (local[first] + shift[first] + height[first] / 2 +
        local[last] + shift[last] + height[last] / 2) / 2;
      local[v] = middle - height[v] / 2;
      accTop.unshift(local[v]);
      accBottom.unshift(local[v] + height[v]);
      top[v] = accTop;
      bottom[v] = accBottom;
    }
    // Frames down the tree: a node's place is its frame's offset plus its place within it.
    var frame = new Float64Array(n);
    for (k = 0; k < order.length; k++) {
      var u = order[k], parent = parentOf(u);
      frame[u] = (parent === undefined ? 0 : frame[parent]) + shift[u];
      x[u] = depth[u] * spacing.column;
      y[u] = frame[u] + local[u];
    }
  }

  return { visible: visible, place: place };
})();
