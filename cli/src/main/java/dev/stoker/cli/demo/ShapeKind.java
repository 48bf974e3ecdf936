package dev.stoker.cli.demo;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * The demo dataset's classes: six outlines drawn filled, centred on the origin with radius 1, so
 * that the generator only has to scale, rotate and place them.
 */
enum ShapeKind {
  /** A filled disc. */
  CIRCLE {
    @Override
    Shape outline() {
      return new Ellipse2D.Double(-1, -1, 2, 2);
    }
  },
  /** A filled square. */
  SQUARE {
    @Override
    Shape outline() {
      return new Rectangle2D.Double(-0.8, -0.8, 1.6, 1.6);
    }
  },
  /** A filled equilateral triangle. */
  TRIANGLE {
    @Override
    Shape outline() {
      return polygon(3, 1, 1);
    }
  },
  /** A five-pointed star. */
  STAR {
    @Override
    Shape outline() {
      return polygon(5, 1, 0.42);
    }
  },
  /** A plus sign of two bars. */
  CROSS {
    @Override
    Shape outline() {
      Area a = new Area(new Rectangle2D.Double(-1, -0.3, 2, 0.6));
      a.add(new Area(new Rectangle2D.Double(-0.3, -1, 0.6, 2)));
      return a;
    }
  },
  /** A disc with a hole. */
  RING {
    @Override
    Shape outline() {
      Area a = new Area(new Ellipse2D.Double(-1, -1, 2, 2));
      a.subtract(new Area(new Ellipse2D.Double(-0.55, -0.55, 1.1, 1.1)));
      return a;
    }
  };

  /**
   * Returns the outline at unit radius around the origin.
   *
   * @return a new shape
   */
  abstract Shape outline();

  /**
   * Returns the class folder's name.
   *
   * @return the lower-case name
   */
  String folder() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Draws a thin unfilled version, used as background clutter of another class. */
  void sketch(Graphics2D g) {
    g.setStroke(new BasicStroke(0.12f));
    g.draw(outline());
  }

  /**
   * A regular polygon of {@code points} corners, or a star when {@code inner < outer}: corners
   * alternate between the two radii, the first pointing up.
   */
  private static Shape polygon(int points, double outer, double inner) {
    Path2D.Double p = new Path2D.Double();
    int corners = inner < outer ? 2 * points : points;
    for (int i = 0; i < corners; i++) {
      double r = (inner < outer && i % 2 == 1) ? inner : outer;
      double angle = -Math.PI / 2 + 2 * Math.PI * i / corners;
      double x = r * Math.cos(angle);
      double y = r * Math.sin(angle);
      if (i == 0) {
        p.moveTo(x, y);
      } else {
        p.lineTo(x, y);
      }
    }
    p.closePath();
    return p;
  }
}
