/* The portal's map: MapLibre with the portal's own vector tiles; no inline script, no CDN. */
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.maplibregl) { return; }
  var layers = JSON.parse(element.dataset.layers || "[]");
  maplibregl.setWorkerUrl(element.dataset.worker);

  var style = { version: 8, sources: {}, layers: [
    { id: "background", type: "background", paint: { "background-color": "#eef2f5" } }
  ] };
  if (element.dataset.basemap) {
    style.sources.basemap = { type: "raster", tiles: [element.dataset.basemap], tileSize: 256,
      attribution: element.dataset.attribution };
    style.layers.push({ id: "basemap", type: "raster", source: "basemap" });
  } else if (element.dataset.baseLand) {
    // The portal's own base map (Natural Earth, served with the page's files): sea, land,
    // lakes, country borders and province lines; province names are added below.
    style.layers[0].paint["background-color"] = "#cfe3ef";
    var base = { land: element.dataset.baseLand, lakes: element.dataset.baseLakes,
      borders: element.dataset.baseBorders, lines: element.dataset.baseLines };
    Object.keys(base).forEach(function (name) {
      style.sources["base-" + name] = { type: "geojson", maxzoom: 12,
        data: new URL(base[name], window.location.href).href };
    });
    style.sources["base-land"].attribution = element.dataset.baseAttribution;
    style.layers.push(
      { id: "base-land", type: "fill", source: "base-land", paint: { "fill-color": "#f7f6f2" } },
      { id: "base-lakes", type: "fill", source: "base-lakes", paint: { "fill-color": "#cfe3ef" } },
      { id: "base-lines", type: "line", source: "base-lines",
        paint: { "line-color": "#a9adb5", "line-width": 0.8, "line-dasharray": [3, 2] } },
      { id: "base-borders", type: "line", source: "base-borders",
        paint: { "line-color": "#6e737d", "line-width": 1.4 } }
    );
  }
  // The three EEC provinces: Chachoengsao, Chonburi and Rayong.
  var map = new maplibregl.Map({ container: element, style: style, center: [101.35, 13.1], zoom: 7.6,
    attributionControl: { compact: true }, locale: JSON.parse(element.dataset.locale || "{}") });
  map.addControl(new maplibregl.NavigationControl(), "top-right");
  map.addControl(new maplibregl.ScaleControl(), "bottom-left");

  function colorOf(layer) {
    if (!layer.colorBy) { return layer.color; }
    var expression = ["match", ["get", layer.colorBy.property]];
    Object.keys(layer.colorBy.values).forEach(function (value) {
      expression.push(value, layer.colorBy.values[value]);
    });
    expression.push(layer.color);
    return expression;
  }

  function styleLayers(layer) {
    var common = { source: layer.id, "source-layer": layer.id };
    var color = colorOf(layer);
    var kinds = {
      Point: [{ type: "circle", paint: { "circle-color": color, "circle-radius": 5,
        "circle-stroke-color": "#fff", "circle-stroke-width": 1 } }],
      LineString: [{ type: "line", paint: { "line-color": color, "line-width": 2 } }],
      Polygon: [
        { type: "fill", paint: { "fill-color": color, "fill-opacity": 0.35 } },
        { type: "line", paint: { "line-color": color, "line-width": 1.2 } }
      ]
    };
    // A collection of mixed geometries: each kind drawn from its own features.
    kinds.Geometry = [
      Object.assign({ filter: ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]] },
        kinds.Polygon[0]),
      Object.assign({ filter: ["!", ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]]] },
        kinds.Polygon[1]),
      Object.assign({ filter: ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]] },
        kinds.Point[0])
    ];
    return (kinds[layer.geometry] || kinds.Polygon).map(function (kind, index) {
      return Object.assign({ id: layer.id + "--" + index }, common, kind);
    });
  }

  // Values as a reader of the page expects them: times in Thailand's time zone, in the page's
  // language and calendar (Buddhist era on Thai pages), numbers with separators.
  var language = document.documentElement.lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB";
  var formats = {
    datetime: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short",
      timeZone: "Asia/Bangkok" }),
    date: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }),
    number: new Intl.NumberFormat(language, { maximumFractionDigits: 2 })
  };
  formats.integer = formats.number;

  function shown(raw, type) {
    if (raw === undefined || raw === null || raw === "") { return element.dataset.noData; }
    if ((type === "datetime" || type === "date") && !isNaN(Date.parse(raw))) {
      return formats[type].format(new Date(raw));
    }
    if ((type === "number" || type === "integer") && raw !== "" && !isNaN(Number(raw))) {
      return formats[type].format(Number(raw));
    }
    return String(raw);
  }

  function featureContent(layer, properties) {
    var box = document.createElement("section");
    var heading = document.createElement("h3");
    heading.textContent = layer.title;
    box.appendChild(heading);
    var table = document.createElement("table");
    table.className = "popup-table";
    var page = document.documentElement.lang === "th" ? "th" : "en";
    Object.keys(layer.labels).forEach(function (name) {
      // name_th and name_en: the page's language only (the other when it is empty).
      var pair = /^(.*)_(th|en)$/.exec(name);
      if (pair && (pair[1] + "_" + (pair[2] === "th" ? "en" : "th")) in layer.labels) {
        var mine = pair[1] + "_" + page, theirs = pair[1] + "_" + (page === "th" ? "en" : "th");
        if (name !== (properties[mine] ? mine : theirs)) { return; }
      }
      var row = table.insertRow();
      var label = document.createElement("th");
      label.scope = "row";
      label.textContent = layer.labels[name];
      row.appendChild(label);
      var value = row.insertCell();
      var raw = properties[name];
      if (typeof raw === "string" && /^(\/|https?:\/\/)/.test(raw)) {
        var link = document.createElement("a");  // a page of the portal or elsewhere
        link.href = raw;
        link.textContent = element.dataset.open;
        value.appendChild(link);
      } else {
        value.textContent = shown(raw, (layer.types || {})[name]);
      }
    });
    box.appendChild(table);
    return box;
  }

  // One popup for one click, listing every feature under it (a point drawn over an area, two
  // layers at one place), each once, the topmost first.
  var MAX_LISTED = 8;
  var popup = null;
  function popupContent(hits) {
    var box = document.createElement("div");
    box.className = "map-popup";
    hits.slice(0, MAX_LISTED).forEach(function (hit) {
      box.appendChild(featureContent(hit.layer, hit.feature.properties));
    });
    if (hits.length > MAX_LISTED) {
      var more = document.createElement("p");
      more.textContent = element.dataset.more.replace("{count}", hits.length - MAX_LISTED);
      box.appendChild(more);
    }
    return box;
  }

  function extentOf(coordinates, bounds) {
    if (typeof coordinates[0] === "number") {
      var x = coordinates[0], y = coordinates[1];
      return bounds ? [Math.min(bounds[0], x), Math.min(bounds[1], y), Math.max(bounds[2], x),
        Math.max(bounds[3], y)] : [x, y, x, y];
    }
    coordinates.forEach(function (part) { bounds = extentOf(part, bounds); });
    return bounds;
  }

  function buildLayerList() {
    var list = document.getElementById("layer-list");
    if (!list) { return; }
    if (layers.length) { list.querySelector("[data-empty]").remove(); }
    var currentCategory = null;
    layers.forEach(function (layer) {
      if (layer.category !== currentCategory) {
        currentCategory = layer.category;
        var heading = document.createElement("h3");
        heading.textContent = currentCategory;
        list.appendChild(heading);
      }
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.layer = layer.id;
      box.addEventListener("change", function () {
        styleLayers(layer).forEach(function (styled) {
          map.setLayoutProperty(styled.id, "visibility", box.checked ? "visible" : "none");
        });
      });
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = layer.color;
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(layer.title));
      list.appendChild(label);
      if (layer.colorBy) {  // the colour of each value, as drawn
        var values = document.createElement("ul");
        values.className = "legend-values";
        layer.colorBy.legend.forEach(function (entry) {
          var item = document.createElement("li");
          var mark = document.createElement("span");
          mark.className = "swatch";
          mark.style.backgroundColor = entry[1];
          item.appendChild(mark);
          item.appendChild(document.createTextNode(entry[0]));
          values.appendChild(item);
        });
        list.appendChild(values);
      }
    });
  }

  // Province names as page text, in the page's language (no glyph files needed), from
  // zoom 7, where they no longer crowd each other.
  function addPlaceNames() {
    if (!element.dataset.basePlaces) { return; }
    var english = document.documentElement.lang !== "th";
    fetch(element.dataset.basePlaces).then(function (response) { return response.json(); })
      .then(function (places) {
        places.features.forEach(function (place) {
          var label = document.createElement("span");
          label.className = "map-place";
          label.textContent = english ? place.properties.name_en : place.properties.name_th;
          new maplibregl.Marker({ element: label }).setLngLat(place.geometry.coordinates).addTo(map);
        });
        var toggle = function () { element.classList.toggle("map-places-shown", map.getZoom() >= 7); };
        map.on("zoomend", toggle);
        toggle();
        element.dataset.places = String(places.features.length);
      });
  }

  map.on("load", function () {
    addPlaceNames();
    var clickable = [];
    var byStyle = {};
    var bounds = null;
    layers.forEach(function (layer) {
      map.addSource(layer.id, { type: "vector", url: new URL(layer.tiles, window.location.href).href });
      styleLayers(layer).forEach(function (styled) {
        map.addLayer(styled);
        clickable.push(styled.id);
        byStyle[styled.id] = layer;
        map.on("mouseenter", styled.id, function () { map.getCanvas().style.cursor = "pointer"; });
        map.on("mouseleave", styled.id, function () { map.getCanvas().style.cursor = ""; });
      });
      if (layer.bounds) {
        bounds = bounds ? [Math.min(bounds[0], layer.bounds[0]), Math.min(bounds[1], layer.bounds[1]),
          Math.max(bounds[2], layer.bounds[2]), Math.max(bounds[3], layer.bounds[3])] : layer.bounds.slice();
      }
    });
    if (element.dataset.geojson) {  // one record's own geometry, e.g. a project's route
      var geometry = JSON.parse(element.dataset.geojson);
      map.addSource("record", { type: "geojson", data: geometry });
      styleLayers({ id: "record", color: "#5f3dc4", geometry: "Geometry" }).forEach(function (styled) {
        delete styled["source-layer"];
        map.addLayer(styled);
      });
      bounds = extentOf(geometry.coordinates, bounds);
    }
    map.on("click", function (event) {
      var p = event.point, r = 6;  // a finger's width around the click
      var features = map.queryRenderedFeatures([[p.x - r, p.y - r], [p.x + r, p.y + r]],
        { layers: clickable.filter(function (id) { return map.getLayer(id); }) });
      var seen = {};
      var hits = [];
      features.forEach(function (feature) {
        var layer = byStyle[feature.layer.id];
        var key = layer.id + ":" + (feature.id !== undefined ? feature.id : JSON.stringify(feature.properties));
        if (!seen[key]) { seen[key] = true; hits.push({ layer: layer, feature: feature }); }
      });
      if (popup) { popup.remove(); popup = null; }
      if (!hits.length) { return; }
      var content = popupContent(hits);
      var width = element.clientWidth;
      var options = { maxWidth: Math.min(320, width - 32) + "px" };
      if (width < 520) {  // a phone: the place to the middle, the popup above it, within the map
        map.jumpTo({ center: event.lngLat });
        options.anchor = "bottom";
        content.style.maxHeight = Math.max(120, element.clientHeight / 2 - 48) + "px";
      }
      popup = new maplibregl.Popup(options).setLngLat(event.lngLat).setDOMContent(content).addTo(map);
    });
    if (element.dataset.fit && bounds) {
      map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]], { padding: 30, maxZoom: 14, duration: 0 });
    }
    element.maplibre = map;
    element.dataset.ready = "1";
  });
  buildLayerList();
}());
