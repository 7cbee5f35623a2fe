import Foundation

/// A country's or region's outline: polygons with holes in WGS84 degrees, as GeoJSON
/// MultiPolygon coordinates give them, with a fast point-in-polygon test (bounding box, then
/// ray casting) and the distance from a point to the nearest edge.
///
/// A ring may cross the antimeridian (a step of more than 180 degrees of longitude between two
/// vertices): it is unwrapped when loaded (longitudes continue past 180), and a point is then
/// tested at its own longitude and 360 degrees east of it.
public struct Outline: Sendable {
    /// One polygon: an outer ring and its holes, with its bounding box.
    struct Polygon: Sendable {
        var rings: [Ring]
        var box: Box
    }

    /// A closed ring as parallel coordinate arrays (the first vertex is not repeated).
    struct Ring: Sendable {
        var lon: [Double]
        var lat: [Double]
    }

    /// A bounding box in degrees; `maxLon` may exceed 180 for an unwrapped polygon.
    struct Box: Sendable {
        var minLon = Double.infinity
        var minLat = Double.infinity
        var maxLon = -Double.infinity
        var maxLat = -Double.infinity

        func contains(lat: Double, lon: Double, margin: Double = 0, lonMargin: Double = 0) -> Bool {
            lat >= minLat - margin && lat <= maxLat + margin && lon >= minLon - lonMargin
                && lon <= maxLon + lonMargin
        }
    }

    /// The GeoJSON MultiPolygon coordinates as loaded (rings of `[lon, lat]`), for answers.
    public let coordinates: [[[[Double]]]]
    let polygons: [Polygon]
    let box: Box

    /// Makes an outline from GeoJSON MultiPolygon coordinates: polygons of rings of `[lon, lat]`,
    /// the first ring outer. Returns nil when a ring has fewer than three distinct vertices or a
    /// position is not two finite numbers within range.
    public init?(coordinates: [[[[Double]]]]) {
        var polygons: [Polygon] = []
        var box = Box()
        for polygon in coordinates {
            var rings: [Ring] = []
            var polygonBox = Box()
            for ring in polygon {
                guard let unwrapped = Outline.ring(ring) else { return nil }
                for index in unwrapped.lon.indices {
                    polygonBox.minLon = min(polygonBox.minLon, unwrapped.lon[index])
                    polygonBox.maxLon = max(polygonBox.maxLon, unwrapped.lon[index])
                    polygonBox.minLat = min(polygonBox.minLat, unwrapped.lat[index])
                    polygonBox.maxLat = max(polygonBox.maxLat, unwrapped.lat[index])
                }
                rings.append(unwrapped)
            }
            guard !rings.isEmpty else { return nil }
            polygons.append(Polygon(rings: rings, box: polygonBox))
            box.minLon = min(box.minLon, polygonBox.minLon)
            box.maxLon = max(box.maxLon, polygonBox.maxLon)
            box.minLat = min(box.minLat, polygonBox.minLat)
            box.maxLat = max(box.maxLat, polygonBox.maxLat)
        }
        guard !polygons.isEmpty else { return nil }
        self.coordinates = coordinates
        self.polygons = polygons
        self.box = box
    }

    /// A ring's vertices, the closing repeat dropped, longitudes unwrapped across 180.
    private static func ring(_ positions: [[Double]]) -> Ring? {
        var lon: [Double] = []
        var lat: [Double] = []
        for position in positions {
            guard position.count == 2, position[0].isFinite, position[1].isFinite, abs(position[0]) <= 180,
                abs(position[1]) <= 90
            else { return nil }
            var x = position[0]
            if let last = lon.last {
                while x - last > 180 { x -= 360 }
                while last - x > 180 { x += 360 }
            }
            lon.append(x)
            lat.append(position[1])
        }
        if lon.count > 1, lon.first == lon.last, lat.first == lat.last {
            lon.removeLast()
            lat.removeLast()
        }
        guard lon.count >= 3 else { return nil }
        // A ring unwrapped to the west of -180 is moved east, so that every box starts above -180.
        if let least = lon.min(), least < -180 {
            lon = lon.map { $0 + 360 }
        }
        return Ring(lon: lon, lat: lat)
    }

    /// The longitudes at which to test `lon`: itself, and 360 degrees east for unwrapped polygons.
    private func candidates(_ lon: Double) -> [Double] {
        box.maxLon > 180 ? [lon, lon + 360] : [lon]
    }

    /// True when the point lies inside the outline (inside an outer ring and in none of its holes).
    public func contains(lat: Double, lon: Double) -> Bool {
        guard lat >= box.minLat, lat <= box.maxLat else { return false }
        for x in candidates(lon) {
            for polygon in polygons where polygon.box.contains(lat: lat, lon: x) {
                var inside = false
                for ring in polygon.rings where Outline.crossings(ring, lat: lat, lon: x) {
                    inside.toggle()
                }
                if inside { return true }
            }
        }
        return false
    }

    /// Ray casting: true when a ray from the point towards east crosses the ring an odd number of times.
    private static func crossings(_ ring: Ring, lat: Double, lon: Double) -> Bool {
        var odd = false
        var previous = ring.lon.count - 1
        for current in ring.lon.indices {
            let (y1, y2) = (ring.lat[previous], ring.lat[current])
            if (y1 > lat) != (y2 > lat) {
                let (x1, x2) = (ring.lon[previous], ring.lon[current])
                let x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
                if lon < x { odd.toggle() }
            }
            previous = current
        }
        return odd
    }

    /// Kilometres from the point to the nearest edge of the outline, looking only as far as
    /// `limitKM` (farther edges give `nil`). A local equirectangular projection at the point's
    /// latitude: exact enough within the few kilometres this is used for.
    public func distanceToEdge(lat: Double, lon: Double, limitKM: Double) -> Double? {
        let kmPerLat = 110.574
        let kmPerLon = max(111.320 * cos(lat * .pi / 180), 0.01)
        let latMargin = limitKM / kmPerLat
        let lonMargin = limitKM / kmPerLon
        guard
            box.contains(lat: lat, lon: lon, margin: latMargin, lonMargin: lonMargin)
                || box.contains(lat: lat, lon: lon + 360, margin: latMargin, lonMargin: lonMargin)
        else { return nil }
        var best = Double.infinity
        for x in candidates(lon) {
            for polygon in polygons
            where polygon.box.contains(lat: lat, lon: x, margin: latMargin, lonMargin: lonMargin) {
                for ring in polygon.rings {
                    var previous = ring.lon.count - 1
                    for current in ring.lon.indices {
                        let ax = (ring.lon[previous] - x) * kmPerLon
                        let ay = (ring.lat[previous] - lat) * kmPerLat
                        let bx = (ring.lon[current] - x) * kmPerLon
                        let by = (ring.lat[current] - lat) * kmPerLat
                        best = min(best, Outline.distanceToSegment(ax, ay, bx, by))
                        previous = current
                    }
                }
            }
        }
        return best <= limitKM ? best : nil
    }

    /// Distance from the origin to the segment a-b in the plane.
    private static func distanceToSegment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        let dx = bx - ax
        let dy = by - ay
        let length = dx * dx + dy * dy
        var t = length > 0 ? -(ax * dx + ay * dy) / length : 0
        t = min(max(t, 0), 1)
        let px = ax + t * dx
        let py = ay + t * dy
        return (px * px + py * py).squareRoot()
    }

    /// True when the point is inside, or outside by at most `toleranceKM` (coasts, borders, and
    /// the generalization of the outline).
    public func contains(lat: Double, lon: Double, toleranceKM: Double) -> Bool {
        contains(lat: lat, lon: lon) || distanceToEdge(lat: lat, lon: lon, limitKM: toleranceKM) != nil
    }

    /// The bounding box as `(minLon, minLat, maxLon, maxLat)`; `maxLon` above 180 when unwrapped.
    public var bounds: (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        (box.minLon, box.minLat, box.maxLon, box.maxLat)
    }
}
